import type { Principal } from '@stapsteen/auth';
import {
  alertRaisedV1Fixture,
  coachingAssignedV1Fixture,
  coachingEndedV1Fixture,
  trajectoryEndedV1Fixture,
  trajectoryReferralDroppedV1Fixture,
} from '@stapsteen/contracts';
import {
  KEMPEN_ORGANISATIONS,
  enrolled,
  kpiClock,
  kpiEvent as event,
  monthClosed,
  organisationDirectory,
  started,
} from '../../../test/kpi-events-fixture';
import { InMemoryKpiReadModels } from './in-memory-kpi-read-models';
import { KpiProjector } from './kpi-projector';
import { KpiQueries } from './kpi-queries';

/**
 * A small region built by hand, and every dashboard panel checked against figures worked out on
 * paper. Period 2026-06 … 2026-11, today 15 November 2026.
 *
 *   Neteland   A  referred 03-10, started 04-01, ended 07-15 NEC_JOB (positive); coached 05-01 … 06-30
 *              B  referred 06-05, started 06-20, running; coached from 10-03
 *              C  referred 07-01, dropped off in the intake 07-20 (NOT_REACHED)
 *              G  referred 05-20, started 06-03, running; never coached
 *   Herentals  D  referred 09-10, started 11-02, running
 *              E  referred 10-01, nothing since
 *              F  referred 2025-12-01, started 01-05, ended 05-31 TRAINING; coached 02-01 … 05-31
 *              I  referred 04-02, started 07-01, running; coached 07-01 … 08-15
 *              J  referred 05-02, started 06-15, ended 09-30 TRAINING (not positive)
 *
 * Referred in the period: B C D E = 4. Of those, started: B D = 2 (the funnel: 4 referred, 3 reached
 * the intake — B C D —, 2 started). Trajectories that started in the period are 5 (B G J I D): that
 * was the old "started", above the referrals.
 * Active in at least one month of the period: A B G I J D = 6 (F ended in May; C and E never
 * started); coached in the period: A B I = 3, coverage 3/6. Month by month (active / coached):
 * 06: A B G J / A · 07: A B G I J / I · 08: B G I J / I · 09: B G I J / – · 10: B G I / B · 11: B G I D / B.
 * Exits: A (positive) and J = 2, rate 1/2. Closed hours of October: B 14, G 25, I 9 (target 20):
 * 3 participant-months, 16 h on average, 2 of 3 below target.
 */
const directory = organisationDirectory(KEMPEN_ORGANISATIONS);
const manager: Principal = { userId: 'm', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };
const period = { from: '2026-06', to: '2026-11' };

const NETELAND = 'org-neteland';
const HERENTALS = 'org-herentals';
const scope = (organisationId: string) => ({ organisationId, regionId: 'region-kempen' });

const ended = (p: string, org: string, on: string, destination: string, positiveOutflow: boolean) =>
  event('trajectory.ended', p, {
    ...trajectoryEndedV1Fixture,
    participantId: p,
    ...scope(org),
    trajectoryId: `t-${p}`,
    endedOn: on,
    destination,
    positiveOutflow,
  });
const coached = (p: string, org: string, from: string, to: string | null) => [
  event('coaching.assigned', p, {
    ...coachingAssignedV1Fixture,
    participantId: p,
    organisationId: org,
    assignmentId: `a-${p}`,
    startedOn: from,
  }),
  ...(to
    ? [
        event('coaching.ended', p, {
          ...coachingEndedV1Fixture,
          participantId: p,
          organisationId: org,
          assignmentId: `a-${p}`,
          endedOn: to,
        }),
      ]
    : []),
];
const alert = (p: string, org: string, kind: string, raisedAt: string) =>
  event('alert.raised', p, {
    ...alertRaisedV1Fixture,
    participantId: p,
    ...scope(org),
    alertId: `alert-${p}-${kind}`,
    kind,
    raisedAt,
  });
const october = (org: string, lines: [string, number][]) =>
  monthClosed(org, '2026-10', '2026-11-03T10:00:00.000Z', lines);

async function region(): Promise<KpiQueries> {
  const models = new InMemoryKpiReadModels();
  const projector = new KpiProjector(
    models,
    { birthDateOf: async () => null },
    (id) => `anon-${id}`,
    () => '2026-11',
  );
  const events = [
    enrolled('A', NETELAND, '2026-03-10'),
    started('A', NETELAND, '2026-04-01'),
    ...coached('A', NETELAND, '2026-05-01', '2026-06-30'),
    ended('A', NETELAND, '2026-07-15', 'NEC_JOB', true),
    enrolled('B', NETELAND, '2026-06-05'),
    started('B', NETELAND, '2026-06-20'),
    ...coached('B', NETELAND, '2026-10-03', null),
    enrolled('C', NETELAND, '2026-07-01'),
    event('trajectory.referral-dropped', 'C', {
      ...trajectoryReferralDroppedV1Fixture,
      participantId: 'C',
      ...scope(NETELAND),
      trajectoryId: 't-C',
      referredOn: '2026-07-01',
      droppedOn: '2026-07-20',
      stage: 'INTAKE',
      reasonCode: 'NOT_REACHED',
    }),
    enrolled('G', NETELAND, '2026-05-20'),
    started('G', NETELAND, '2026-06-03'),
    enrolled('D', HERENTALS, '2026-09-10'),
    started('D', HERENTALS, '2026-11-02'),
    enrolled('E', HERENTALS, '2026-10-01'),
    enrolled('F', HERENTALS, '2025-12-01'),
    started('F', HERENTALS, '2026-01-05'),
    ...coached('F', HERENTALS, '2026-02-01', '2026-05-31'),
    ended('F', HERENTALS, '2026-05-31', 'TRAINING', false),
    enrolled('I', HERENTALS, '2026-04-02'),
    started('I', HERENTALS, '2026-07-01'),
    ...coached('I', HERENTALS, '2026-07-01', '2026-08-15'),
    enrolled('J', HERENTALS, '2026-05-02'),
    started('J', HERENTALS, '2026-06-15'),
    ended('J', HERENTALS, '2026-09-30', 'TRAINING', false),
    october(NETELAND, [
      ['B', 14],
      ['G', 25],
    ]),
    october(HERENTALS, [['I', 9]]),
    alert('B', NETELAND, 'LOW_HOURS', '2026-11-10T09:00:00.000Z'),
    alert('G', NETELAND, 'COACHING_GAP', '2026-10-01T09:00:00.000Z'),
    // 23:30 UTC on the 14th is already the 15th in Brussels: 0 days old.
    alert('D', HERENTALS, 'EVALUATION_DUE', '2026-11-14T23:30:00.000Z'),
  ];
  for (const e of events) await projector.apply(e);
  return new KpiQueries(models, directory, kpiClock);
}

describe('every dashboard panel on a region worked out on paper', () => {
  it('the summary: referred 4, started 2 (never above referred), active 6, coverage 3 of 6', async () => {
    const queries = await region();
    expect(await queries.summary(manager, period)).toEqual({
      period,
      regionId: 'region-kempen',
      organisationId: null,
      referred: 4,
      started: 2,
      active: 6,
      ended: 2,
      positiveOutflowRate: 0.5,
      inWorkNineMonthsRate: null,
      averageCountedHours: 16,
      shareBelowTarget: 2 / 3,
      coachingCoverage: 0.5,
      openAlerts: 3,
    });
  });

  it('the funnel starts as many as the summary', async () => {
    const queries = await region();
    expect(await queries.referralFunnel(manager, period)).toEqual({
      period,
      stages: [
        { stage: 'REFERRED', count: 4 },
        { stage: 'INTAKE', count: 3 },
        { stage: 'STARTED', count: 2 },
      ],
      dropOffs: [{ stage: 'INTAKE', reasonCode: 'NOT_REACHED', count: 1 }],
    });
  });

  it('the coverage chart applies the summary’s rule to each month', async () => {
    const queries = await region();
    const chart = await queries.coachingCoverage(manager, period);
    expect(chart.months.map((m) => [m.month, m.activeParticipants, m.coached])).toEqual([
      ['2026-06', 4, 1],
      ['2026-07', 5, 1],
      ['2026-08', 4, 1],
      ['2026-09', 4, 0],
      ['2026-10', 3, 1],
      ['2026-11', 4, 1],
    ]);
    expect(chart.months.map((m) => m.coverage)).toEqual([1 / 4, 1 / 5, 1 / 4, 0, 1 / 3, 1 / 4]);
    // One month as the period: the summary's tile and the chart's bar are the same figure.
    for (const m of chart.months) {
      const summary = await queries.summary(manager, { from: m.month, to: m.month });
      expect([m.month, summary.active, summary.coachingCoverage]).toEqual([m.month, m.activeParticipants, m.coverage]);
    }
  });

  it('the drill-down per organisation adds up to the summary', async () => {
    const queries = await region();
    const { organisations: rows } = await queries.organisations(manager, period);
    expect(
      rows.map((o) => [o.organisationId, o.referred, o.started, o.active, o.coachingCoverage, o.ended, o.openAlerts]),
    ).toEqual([
      [NETELAND, 2, 1, 3, 2 / 3, 1, 2],
      [HERENTALS, 2, 1, 3, 1 / 3, 1, 1],
    ]);
  });

  it('the export rows add up to the summary and match the chart month by month', async () => {
    const queries = await region();
    const { rows } = await queries.organisationMonthRows(manager, period);
    const sum = (field: 'referred' | 'started' | 'ended') => rows.reduce((s, r) => s + r[field], 0);
    expect([sum('referred'), sum('started'), sum('ended')]).toEqual([4, 2, 2]);
    const byMonth = (month: string) => rows.filter((r) => r.month === month);
    expect(byMonth('2026-06').map((r) => [r.organisationId, r.referred, r.started, r.active, r.coached])).toEqual([
      [NETELAND, 1, 1, 3, 1],
      [HERENTALS, 0, 0, 1, 0],
    ]);
    const chart = await queries.coachingCoverage(manager, period);
    for (const m of chart.months)
      expect([m.month, byMonth(m.month).reduce((s, r) => s + r.active, 0)]).toEqual([m.month, m.activeParticipants]);
  });

  it('outflow, hours, cohorts and open alerts', async () => {
    const queries = await region();
    expect((await queries.outflowByDestination(manager, period)).destinations).toEqual([
      { destination: 'NEC_JOB', positive: true, count: 1 },
      { destination: 'TRAINING', positive: false, count: 1 },
    ]);
    expect((await queries.hoursTrend(manager, period)).months.find((m) => m.month === '2026-10')).toEqual({
      month: '2026-10',
      participantMonths: 3,
      averageCountedHours: 16,
      shareBelowTarget: 2 / 3,
    });
    expect(
      (await queries.cohorts(manager, period)).cohorts.map((c) => [c.startMonth, c.started, c.ended, c.positive]),
    ).toEqual([
      ['2026-06', 3, 1, 0],
      ['2026-07', 1, 0, 0],
      ['2026-11', 1, 0, 0],
    ]);
    const alerts = (await queries.alerts(manager, period)).kinds.filter((k) => k.open > 0);
    expect(alerts).toEqual([
      { kind: 'LOW_HOURS', open: 1, byAge: { '0-7': 1, '8-30': 0, '31+': 0 } },
      { kind: 'COACHING_GAP', open: 1, byAge: { '0-7': 0, '8-30': 0, '31+': 1 } },
      { kind: 'EVALUATION_DUE', open: 1, byAge: { '0-7': 1, '8-30': 0, '31+': 0 } },
    ]);
  });
});
