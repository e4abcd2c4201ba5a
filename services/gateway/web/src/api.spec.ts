import { describe, expect, it } from '@jest/globals';
import { ApiError, createApiClient, Fetcher } from './api';

/**
 * A gateway in memory: the access token is valid or expired; a refresh renews it while the session
 * lives. Answers are given on the next turn of the event loop, so calls really overlap.
 */
function fakeGateway(delays: Record<string, number> = {}) {
  const state = { accessValid: false, sessionAlive: true, refreshes: 0, calls: [] as string[] };
  const answer = (status: number, body: unknown = {}, delayMs = 1) =>
    new Promise<Response>((resolve) =>
      setTimeout(
        () =>
          resolve(
            new Response(status === 204 ? null : JSON.stringify(body), {
              status,
              headers: { 'content-type': 'application/json' },
            }),
          ),
        delayMs,
      ),
    );
  const fetcher: Fetcher = async (input, init) => {
    state.calls.push(`${init.method ?? 'GET'} ${input}`);
    expect(new Headers(init.headers).get('X-Requested-With')).toBe('stapsteen-web');
    if (input === '/api/auth/refresh') {
      state.refreshes += 1;
      if (!state.sessionAlive) return answer(401, { code: 'AUTH.REFRESH_INVALID' });
      state.accessValid = true;
      return answer(200, {});
    }
    // Decided when the request arrives, delivered after the path's delay.
    if (!state.accessValid) return answer(401, { code: 'AUTH.TOKEN_MISSING' }, delays[input]);
    return answer(200, { path: input }, delays[input]);
  };
  return { state, fetcher };
}

describe('the web app calling the gateway', () => {
  it('refreshes once for several calls that meet an expired token at once, and answers them all', async () => {
    const { state, fetcher } = fakeGateway();
    const client = createApiClient(fetcher);
    const paths = ['/me', '/hours/organisations/o/months/2026-11', '/flow-through/organisations', '/hours/x', '/y'];
    const answers = await Promise.all(paths.map((path) => client.api<{ path: string }>(path)));
    expect(answers.map((a) => a.path)).toEqual(paths.map((path) => `/api${path}`));
    expect(state.refreshes).toBe(1);
  });

  it('sends again without a refresh a call whose 401 arrives after another call refreshed', async () => {
    // '/slow' meets the expired token at once, but its answer lands well after the refresh of '/a'.
    const { state, fetcher } = fakeGateway({ '/api/slow': 30 });
    const client = createApiClient(fetcher);
    const answers = await Promise.all([client.api<{ path: string }>('/a'), client.api<{ path: string }>('/slow')]);
    expect(answers.map((a) => a.path)).toEqual(['/api/a', '/api/slow']);
    expect(state.refreshes).toBe(1);
    expect(state.calls).toEqual([
      'GET /api/a',
      'GET /api/slow',
      'POST /api/auth/refresh',
      'GET /api/a',
      'GET /api/slow',
    ]);
  });

  it('asks once for a new sign-in when the session has ended, then sends the waiting calls again', async () => {
    const { state, fetcher } = fakeGateway();
    state.sessionAlive = false;
    const client = createApiClient(fetcher);
    let asked = 0;
    client.setSessionEndedHandler(async () => {
      asked += 1;
      // The person signs in again: a fresh session.
      state.sessionAlive = true;
      state.accessValid = true;
      return true;
    });
    const saved = await Promise.all([
      client.api<{ path: string }>('/hours/prestations', { method: 'POST', body: '{"minutes":60}' }),
      client.api<{ path: string }>('/hours/organisations/o/months/2026-11'),
    ]);
    expect(saved.map((s) => s.path)).toEqual(['/api/hours/prestations', '/api/hours/organisations/o/months/2026-11']);
    expect(asked).toBe(1);
    expect(state.calls.filter((c) => c === 'POST /api/hours/prestations')).toHaveLength(2);
  });

  it('lets the calls fail with their 401 when no one signs in again', async () => {
    const { state, fetcher } = fakeGateway();
    state.sessionAlive = false;
    const client = createApiClient(fetcher);
    client.setSessionEndedHandler(async () => false);
    const error = await client.api('/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual({ status: 401, code: 'AUTH.TOKEN_MISSING' });
  });

  it('never refreshes for the sign-in call itself', async () => {
    const { state, fetcher } = fakeGateway();
    const client = createApiClient(fetcher);
    await expect(client.api('/auth/sign-out', { method: 'POST' })).rejects.toBeInstanceOf(ApiError);
    expect(state.refreshes).toBe(0);
  });
});
