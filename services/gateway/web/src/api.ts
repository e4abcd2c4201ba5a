import createFetchClient, { type Client } from 'openapi-fetch';
import type { ApiPaths, ProblemDetails } from './api-types';

/**
 * Every call to the gateway: same-origin cookies, the CSRF header, and a session that survives an
 * expired access token. When calls meet a 401, one refresh serves them all (single-flight); when
 * the session cannot be refreshed, the calls wait until the person has signed in again (the app
 * asks for it without leaving the screen) and are then sent again (ADR 19).
 *
 * `api(path)` takes any path; `client.GET('/flow-through/kpis/summary', …)` (openapi-fetch) checks
 * the path, its parameters, its body and its answer against the services' OpenAPI documents
 * (`api-types.ts`). Both go through the same session handling and throw the same `ApiError`.
 */

/**
 * A problem as the app sees it: the services' problem document, or only a status when there was
 * none. Its facts (`errors` among them) are read defensively (`lib/problem-text.ts`).
 */
export interface Problem extends Partial<Omit<ProblemDetails, 'status' | 'errors'>> {
  status: number;
  [fact: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Called once when the session has ended while calls need it; resolves `true` once the same person
 * has signed in again (the waiting calls are sent again), `false` to let them fail with their 401.
 */
export type SessionEndedHandler = () => Promise<boolean>;

type Refresh = 'renewed' | 'ended' | 'failed';

export interface ApiClient {
  api<T>(path: string, init?: RequestInit): Promise<T>;
  /** Typed calls (openapi-fetch): `data` is the answer; an error is thrown as `ApiError`, as `api` does. */
  client: Client<ApiPaths>;
  setSessionEndedHandler(handler: SessionEndedHandler): void;
}

export function createApiClient(fetcher: Fetcher): ApiClient {
  let onSessionEnded: SessionEndedHandler = async () => false;
  let refreshing: Promise<Refresh> | null = null;
  let reauthenticating: Promise<boolean> | null = null;
  // Bumps with every new access token, so a call that was under way during a refresh just goes again.
  let generation = 0;

  const send = (path: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('X-Requested-With', 'stapsteen-web');
    if (init.body && typeof init.body === 'string') headers.set('Content-Type', 'application/json');
    return fetcher(`/api${path}`, { ...init, headers, credentials: 'same-origin' });
  };

  const refreshOnce = (): Promise<Refresh> => {
    refreshing ??= send('/auth/refresh', { method: 'POST' })
      .then(
        (response): Refresh => (response.ok ? 'renewed' : response.status === 401 ? 'ended' : 'failed'),
        (): Refresh => 'failed',
      )
      .then((outcome) => {
        if (outcome === 'renewed') generation += 1;
        return outcome;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  const reauthenticateOnce = (): Promise<boolean> => {
    reauthenticating ??= onSessionEnded()
      .catch(() => false)
      .then((signedIn) => {
        if (signedIn) generation += 1;
        return signedIn;
      })
      .finally(() => {
        reauthenticating = null;
      });
    return reauthenticating;
  };

  /** A new access token for a call that met a 401 after being sent under `sentAt`; false: none to be had. */
  const renew = async (sentAt: number): Promise<boolean | 'failed'> => {
    if (generation !== sentAt) return true;
    if (reauthenticating) return reauthenticating;
    const refreshed = await refreshOnce();
    if (refreshed === 'renewed') return true;
    if (refreshed === 'failed') return 'failed';
    return reauthenticateOnce();
  };

  /** The answer to a call once the session allows it; a failure becomes an `ApiError`. */
  async function exchange(path: string, init: RequestInit): Promise<Response> {
    let sentAt = generation;
    let response = await send(path, init);
    // At most a few rounds: a token renewed meanwhile, a refresh, a new sign-in.
    for (let round = 0; round < 3 && response.status === 401 && !path.startsWith('/auth/'); round += 1) {
      const renewed = await renew(sentAt);
      if (renewed === 'failed') throw new ApiError({ status: 503, code: 'GATEWAY.SERVICE_UNAVAILABLE' });
      if (!renewed) break;
      sentAt = generation;
      response = await send(path, init);
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
    return response;
  }

  async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await exchange(path, init);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    return (type.includes('json') ? response.json() : response.text()) as Promise<T>;
  }

  // openapi-fetch builds a Request for an absolute URL; the call itself goes out as `api` sends it,
  // same-origin under /api. The body is read once so the call can be sent again after a refresh.
  const origin = globalThis.location?.origin ?? 'http://localhost';
  const client = createFetchClient<ApiPaths>({
    baseUrl: `${origin}/api`,
    fetch: async (request: Request) => {
      const url = new URL(request.url);
      const body = request.body ? await request.arrayBuffer() : undefined;
      return exchange(`${url.pathname.slice('/api'.length)}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body: body?.byteLength ? body : undefined,
      });
    },
  });

  return {
    api,
    client,
    setSessionEndedHandler: (handler) => {
      onSessionEnded = handler;
    },
  };
}

const gateway = createApiClient((input, init) => fetch(input, init));

export const api = gateway.api;
export const client = gateway.client;
export const setSessionEndedHandler = gateway.setSessionEndedHandler;

export const post = <T>(path: string, body: unknown, method = 'POST') =>
  api<T>(path, { method, body: JSON.stringify(body) });
