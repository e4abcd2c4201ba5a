import type { VisibleOrganisationsPort } from '../application/colleague-names.service';
import type { VisibleOrganisation } from '../domain/colleague-names';

/**
 * Reads flow-through's organisation directory with the caller's own token, so flow-through's scope
 * rule (their organisations, or their region's) decides what the gateway may name. Any failure
 * answers null: the names lookup then falls back on the token's scope instead of failing the screen.
 */
export class HttpVisibleOrganisations implements VisibleOrganisationsPort {
  constructor(
    private readonly flowThroughUrl: string,
    private readonly timeoutMs = 3000,
  ) {}

  async of(accessToken: string): Promise<VisibleOrganisation[] | null> {
    try {
      const response = await fetch(`${this.flowThroughUrl.replace(/\/$/, '')}/organisations`, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) return null;
      const body = (await response.json()) as unknown;
      if (!Array.isArray(body)) return null;
      return body.flatMap((o: { id?: unknown; regionId?: unknown }) =>
        typeof o.id === 'string' && typeof o.regionId === 'string' ? [{ id: o.id, regionId: o.regionId }] : [],
      );
    } catch {
      return null;
    }
  }
}
