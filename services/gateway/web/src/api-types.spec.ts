import { describe, expect, it } from '@jest/globals';
import { ApiError, createApiClient, Fetcher } from './api';
import type { ApiPaths, ResponseOf } from './api-types';
import type { KpiPath, KpiSummary } from './screens/kpis';
import type { StepBody, TrajectoryStatus, TrajectoryStep } from './screens/organiser-rules';

/** True when A and B are the same type (checked by `npm run typecheck`, which includes this file). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(check: Equal<A, B>) => check;

describe('the types the web app takes from the generated client', () => {
  it('has the trajectory statuses and steps of flow-through, not a copy', () => {
    same<TrajectoryStatus, 'REFERRED' | 'INTAKE' | 'ACTIVE' | 'SUSPENDED' | 'ENDED'>(true);
    same<TrajectoryStep, 'intake' | 'start' | 'suspend' | 'resume' | 'extend' | 'end' | 'drop-off' | 're-referral'>(
      true,
    );
    same<StepBody<'extend'>, { plannedEndOn: string }>(true);
    same<StepBody<'suspend'>['reasonCode'], 'ILLNESS' | 'CARE' | 'TRAINING' | 'ADMINISTRATIVE' | 'OTHER'>(true);
  });

  it('has the KPI answers of flow-through, by their paths', () => {
    same<
      KpiPath,
      | 'summary'
      | 'organisations'
      | 'hours-distribution'
      | 'hours-trend'
      | 'outflow-by-destination'
      | 'referral-funnel'
      | 'coaching-coverage'
      | 'alerts'
      | 'cohorts'
    >(true);
    same<ResponseOf<'/flow-through/kpis/summary', 'get'>, KpiSummary>(true);
    same<KpiSummary['positiveOutflowRate'], number | null>(true);
    same<'/clock' extends keyof ApiPaths ? true : false, true>(true);
    same<'/api/clock' extends keyof ApiPaths ? true : false, false>(true);
  });
});

/** A gateway in memory whose access token has expired and whose session can be refreshed. */
function expiredToken() {
  const state = { accessValid: false, refreshes: 0, calls: [] as string[] };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetcher: Fetcher = async (input, init) => {
    const body = init.body ? new TextDecoder().decode(init.body as ArrayBuffer) : '';
    state.calls.push(`${init.method ?? 'GET'} ${input} ${body}`.trim());
    expect(new Headers(init.headers).get('X-Requested-With')).toBe('stapsteen-web');
    if (input === '/api/auth/refresh') {
      state.refreshes += 1;
      state.accessValid = true;
      return json(200, {});
    }
    if (!state.accessValid) return json(401, { code: 'AUTH.TOKEN_MISSING' });
    if (input.startsWith('/api/flow-through/participants/')) {
      return json(422, { status: 422, code: 'TRAJECTORY.STEP_NOT_ALLOWED', detail: 'not from ENDED' });
    }
    return json(200, { path: input, contentType: new Headers(init.headers).get('content-type') });
  };
  return { state, fetcher };
}

describe('typed calls (openapi-fetch) through the session handling', () => {
  it('refreshes once for typed calls that meet an expired token, and sends each again with its query', async () => {
    const { state, fetcher } = expiredToken();
    const { client } = createApiClient(fetcher);
    const [summary, trend] = await Promise.all([
      client.GET('/flow-through/kpis/summary', { params: { query: { from: '2026-01', to: '2026-06' } } }),
      client.GET('/flow-through/kpis/hours-trend', { params: { query: { organisationId: 'org-neteland' } } }),
    ]);
    expect(summary.data).toMatchObject({ path: '/api/flow-through/kpis/summary?from=2026-01&to=2026-06' });
    expect(trend.data).toMatchObject({ path: '/api/flow-through/kpis/hours-trend?organisationId=org-neteland' });
    expect(state.refreshes).toBe(1);
  });

  it('sends a typed body again after the refresh, as JSON', async () => {
    const { state, fetcher } = expiredToken();
    const { client } = createApiClient(fetcher);
    const answer = await client.POST('/flow-through/kpis/pseudonymised-exports', {
      body: { from: '2026-01', to: '2026-06' },
    });
    expect(answer.data).toMatchObject({ contentType: 'application/json' });
    const sent = state.calls.filter((call) => call.startsWith('POST /api/flow-through/kpis/pseudonymised-exports'));
    expect(sent).toEqual([
      'POST /api/flow-through/kpis/pseudonymised-exports {"from":"2026-01","to":"2026-06"}',
      'POST /api/flow-through/kpis/pseudonymised-exports {"from":"2026-01","to":"2026-06"}',
    ]);
  });

  it('throws the problem of a refused call as ApiError, as api() does', async () => {
    const { fetcher } = expiredToken();
    const { client } = createApiClient(fetcher);
    const refused = client.POST('/flow-through/participants/{id}/trajectory/start', {
      params: { path: { id: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' } },
      body: { on: '2026-11-02' },
    });
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({
      problem: { status: 422, code: 'TRAJECTORY.STEP_NOT_ALLOWED', detail: 'not from ENDED' },
    });
  });
});
