/** Every call to the gateway: same-origin cookies, the CSRF header, one refresh on 401. */
export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  [fact: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

let onUnauthorised: () => void = () => undefined;
export function setUnauthorisedHandler(handler: () => void): void {
  onUnauthorised = handler;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('X-Requested-With', 'stapsteen-web');
  if (init.body && typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  return fetch(`/api${path}`, { ...init, headers, credentials: 'same-origin' });
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response = await send(path, init);
  if (response.status === 401 && !path.startsWith('/auth/')) {
    const refreshed = await send('/auth/refresh', { method: 'POST' });
    if (refreshed.ok) response = await send(path, init);
    else {
      onUnauthorised();
    }
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...(await response.json()), status: response.status };
    } catch {
      // not a problem document
    }
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? response.json() : response.text()) as Promise<T>;
}

export const post = <T>(path: string, body: unknown, method = 'POST') =>
  api<T>(path, { method, body: JSON.stringify(body) });
