import type { Principal } from '@stapsteen/auth';
import { isDomainError } from '@stapsteen/errors';
import {
  KEMPEN_ORGANISATIONS,
  kpiClock as clock,
  enrolled,
  kpiEvent as event,
  monthClosed as closedMonth,
  organisationDirectory,
  started,
} from '../../../test/kpi-events-fixture';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import type { Organisation } from '../../organisations/domain/organisation';
import { InMemoryKpiReadModels } from './in-memory-kpi-read-models';
import { KpiProjector } from './kpi-projector';
import { KpiQueries } from './kpi-queries';

const organisations: Organisation[] = [
  ...KEMPEN_ORGANISATIONS,
  { id: 'org-vdab', name: 'VDAB Kempen', kind: 'VDAB', regionId: 'region-kempen' },
  { id: 'org-gent', name: 'Gent', kind: 'WIJK_WERK', regionId: 'region-gent' },
];
const directory = organisationDirectory(organisations);
const manager = (regionId: string): Principal => ({
  userId: 'm',
  role: 'REGIONAL_MANAGER',
  organisationIds: [],
  regionId,
});
const organiser = (organisationId: string): Principal => ({
  userId: 'o',
  role: 'ORGANISER',
  organisationIds: [organisationId],
  regionId: 'region-kempen',
});

/** The organisation's closed month, here with one participant's line. */
const monthClosed = (participantId: string, organisationId: string, month: string, countedHours: number) =>
  closedMonth(organisationId, month, `${month}-28T10:00:00.000Z`, [[participantId, countedHours]]);

const codeOf = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
  return 'no error';
};

describe('KPI projector and queries', () => {
  let models: InMemoryKpiReadModels;
  let projector: KpiProjector;
  let queries: KpiQueries;
  const birthDates = new Map<string, string>([['p1', '1987-04-12']]);

  beforeEach(() => {
    models = new InMemoryKpiReadModels();
    projector = new KpiProjector(
      models,
      { birthDateOf: async (id) => birthDates.get(id) ?? null },
      (eventId) => `anon-${eventId}`,
      () => '2026-11',
    );
    queries = new KpiQueries(models, directory, clock);
  });

  it('counts a redelivered event once', async () => {
    const referral = enrolled('p1', 'org-neteland', '2026-03-02');
    const start = started('p1', 'org-neteland', '2026-03-09');
    for (const e of [referral, start, referral, start]) await projector.apply(e);
    const summary = await queries.summary(manager('region-kempen'), { from: '2026-01', to: '2026-11' });
    expect(summary).toMatchObject({ referred: 1, started: 1, active: 1 });
  });

  it('replaces a participant-month when hours re-closes it with a correction', async () => {
    await projector.apply(monthClosed('p1', 'org-neteland', '2026-10', 8));
    await projector.apply(monthClosed('p1', 'org-neteland', '2026-10', 14));
    const trend = await queries.hoursTrend(manager('region-kempen'), { from: '2026-10', to: '2026-10' });
    expect(trend.months).toEqual([
      { month: '2026-10', participantMonths: 1, averageCountedHours: 14, shareBelowTarget: 1 },
    ]);
  });

  it("adds up a region's organisations and leaves the other region out", async () => {
    await projector.apply(enrolled('p1', 'org-neteland', '2026-03-02'));
    await projector.apply(enrolled('p2', 'org-herentals', '2026-04-02'));
    await projector.apply(enrolled('p3', 'org-gent', '2026-04-02'));
    const summary = await queries.summary(manager('region-kempen'), {});
    expect(summary).toMatchObject({
      referred: 2,
      regionId: 'region-kempen',
      period: { from: '2025-12', to: '2026-11' },
    });
    const drill = await queries.organisations(manager('region-kempen'), {});
    expect(drill.organisations.map((o) => [o.organisationId, o.referred])).toEqual([
      ['org-neteland', 1],
      ['org-herentals', 1],
    ]);
  });

  it("answers 404 for a manager asking for another region or another region's organisation", async () => {
    expect(await codeOf(() => queries.summary(manager('region-kempen'), { regionId: 'region-gent' }))).toBe(
      'KPI.SCOPE_NOT_FOUND',
    );
    expect(await codeOf(() => queries.summary(manager('region-kempen'), { organisationId: 'org-gent' }))).toBe(
      'KPI.SCOPE_NOT_FOUND',
    );
  });

  it('answers 404 for an organiser asking for another organisation of the same region', async () => {
    expect(await codeOf(() => queries.summary(organiser('org-neteland'), { organisationId: 'org-herentals' }))).toBe(
      'KPI.SCOPE_NOT_FOUND',
    );
  });

  it("shows an organiser their own organisation's figures only", async () => {
    await projector.apply(enrolled('p1', 'org-neteland', '2026-03-02'));
    await projector.apply(enrolled('p2', 'org-herentals', '2026-04-02'));
    expect((await queries.summary(organiser('org-neteland'), {})).referred).toBe(1);
  });

  it('refuses a period of more than 36 months before reading anything', async () => {
    expect(await codeOf(() => queries.summary(manager('region-kempen'), { from: '2023-01', to: '2026-11' }))).toBe(
      'KPI.PERIOD_TOO_LONG',
    );
  });

  it('keeps an erased participant in the counts under an anonymous key, hours included', async () => {
    await projector.apply(enrolled('p1', 'org-neteland', '2026-03-02'));
    await projector.apply(started('p1', 'org-neteland', '2026-03-09'));
    await projector.apply(monthClosed('p1', 'org-neteland', '2026-04', 22));
    const erasure = event('participant.erased', 'p1', {
      organisationId: 'org-neteland',
      erasedAt: '2026-11-01T02:00:00Z',
    });
    await projector.apply(erasure);
    await projector.apply(erasure);
    const roster = await models.roster('org-neteland');
    expect(Object.keys(roster!.participants)).toEqual([`erased-anon-${erasure.eventId}`]);
    expect(roster!.participants[`erased-anon-${erasure.eventId}`].birthYearBand).toBeNull();
    const [april] = await models.organisationMonths('org-neteland', ['2026-04']);
    expect(Object.keys(april.lines)).toEqual([`erased-anon-${erasure.eventId}`]);
    expect(await queries.summary(manager('region-kempen'), { from: '2026-01', to: '2026-11' })).toMatchObject({
      referred: 1,
      started: 1,
      averageCountedHours: 22,
    });
  });

  it('does not bring an erased participant back when their earlier events arrive again after the erasure', async () => {
    const referral = enrolled('p1', 'org-neteland', '2026-03-02');
    const start = started('p1', 'org-neteland', '2026-03-09');
    const april = monthClosed('p1', 'org-neteland', '2026-04', 22);
    for (const e of [referral, start, april]) await projector.apply(e);
    const erasure = event('participant.erased', 'p1', {
      organisationId: 'org-neteland',
      erasedAt: '2026-11-01T02:00:00Z',
    });
    await projector.apply(erasure);
    const rosterBefore = await models.roster('org-neteland');
    const monthsBefore = await models.organisationMonths('org-neteland', ['2026-04']);
    const summaryBefore = await queries.summary(manager('region-kempen'), { from: '2026-01', to: '2026-11' });
    // Redeliveries (a consumer's offsets reset, a rebalance), topic by topic: the participant's own
    // topic (enrolment, erasure), then the trajectories and hours topics, which Kafka does not order
    // with it; a late event of those topics after the erasure is the same case.
    for (const e of [referral, erasure, start, april]) await projector.apply(e);
    expect((await models.roster('org-neteland'))!.participants).toEqual(rosterBefore!.participants);
    expect(await models.organisationMonths('org-neteland', ['2026-04'])).toEqual(monthsBefore);
    expect(JSON.stringify(await models.roster('org-neteland'))).not.toContain('"p1"');
    expect(await queries.summary(manager('region-kempen'), { from: '2026-01', to: '2026-11' })).toEqual(summaryBefore);
  });

  it('counts open alerts by kind until they are resolved', async () => {
    const raised = event('alert.raised', 'p1', {
      alertId: 'a1',
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      kind: 'LOW_HOURS',
      severity: 'HIGH',
      raisedAt: '2026-10-01T08:00:00Z',
    });
    await projector.apply(raised);
    await projector.apply(raised);
    const open = await queries.alerts(manager('region-kempen'), {});
    expect(open.kinds.find((k) => k.kind === 'LOW_HOURS')).toEqual({
      kind: 'LOW_HOURS',
      open: 1,
      byAge: { '0-7': 0, '8-30': 0, '31+': 1 },
    });
    await projector.apply(
      event('alert.resolved', 'p1', {
        alertId: 'a1',
        organisationId: 'org-neteland',
        regionId: 'region-kempen',
        kind: 'LOW_HOURS',
        resolvedAt: '2026-11-10T08:00:00Z',
        resolution: 'MANUAL',
      }),
    );
    expect((await queries.summary(manager('region-kempen'), {})).openAlerts).toBe(0);
  });

  it('ignores event types the KPIs do not use, without writing', async () => {
    await projector.apply(event('participant.low-hours-flagged', 'p1', { organisationId: 'org-neteland' }));
    expect(models.writes).toBe(0);
  });

  it('lets the panels of one dashboard share the lookup of their scope, and looks it up again afterwards', async () => {
    let lookups = 0;
    const counting: OrganisationDirectory = {
      ...directory,
      list: async (filter) => {
        lookups += 1;
        return directory.list(filter);
      },
    };
    const shared = new KpiQueries(models, counting, clock);
    const kempen = manager('region-kempen');
    const period = { from: '2026-01', to: '2026-11' };
    const [summary, , , gent] = await Promise.all([
      shared.summary(kempen, period),
      shared.hoursTrend(kempen, period),
      shared.organisations(kempen, period),
      shared.organisations(manager('region-gent'), period),
    ]);
    expect(lookups).toBe(2);
    expect(summary.regionId).toBe('region-kempen');
    expect(gent.organisations.map((o) => o.organisationId)).toEqual(['org-gent']);
    await shared.cohorts(kempen, period);
    expect(lookups).toBe(3);
  });
});
