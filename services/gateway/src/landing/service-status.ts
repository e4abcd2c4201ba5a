import { deadLettersIn } from '@stapsteen/observability';

export interface DownstreamService {
  name: string;
  label: string;
  url: string;
}

export interface ServiceStatus {
  name: string;
  label: string;
  status: 'up' | 'down';
  detail: string;
  /**
   * Events the service could not process and sent to a dead-letter topic since it started (its
   * `stapsteen_dead_letters_total` metric), or null when its metrics did not answer.
   */
  deadLetters: number | null;
  checkedAt: string;
}

const TIMEOUT_MS = 2500;

/**
 * Asks a service's readiness endpoint (a timeout or refusal counts as down, with the reason) and,
 * side by side, its metrics for the number of dead letters.
 */
export async function probe(service: DownstreamService, fetcher: typeof fetch = fetch): Promise<ServiceStatus> {
  const [readiness, deadLetters] = await Promise.all([ready(service, fetcher), deadLettersOf(service, fetcher)]);
  return { ...readiness, deadLetters };
}

async function deadLettersOf(service: DownstreamService, fetcher: typeof fetch): Promise<number | null> {
  try {
    const response = await fetcher(`${service.url}/metrics`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return response.ok ? deadLettersIn(await response.text()) : null;
  } catch {
    return null;
  }
}

async function ready(service: DownstreamService, fetcher: typeof fetch): Promise<Omit<ServiceStatus, 'deadLetters'>> {
  const checkedAt = new Date().toISOString();
  try {
    const response = await fetcher(`${service.url}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json().catch(() => ({}))) as { status?: string; error?: Record<string, unknown> };
    if (response.ok && body.status === 'ok') return { ...base(service), status: 'up', detail: 'klaar', checkedAt };
    const failing = Object.keys(body.error ?? {}).join(', ');
    return {
      ...base(service),
      status: 'down',
      detail: failing ? `niet klaar: ${failing}` : `HTTP ${response.status}`,
      checkedAt,
    };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'geen antwoord' : 'niet bereikbaar';
    return { ...base(service), status: 'down', detail: reason, checkedAt };
  }
}

function base(service: DownstreamService) {
  return { name: service.name, label: service.label };
}
