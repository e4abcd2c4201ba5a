import type { Principal } from '@stapsteen/auth';
import type { Clock } from '../../shared/clock';
import { ALERT_KINDS, Alert, AlertKind, AlertSeverity, AlertStatus, ParticipantAlerts } from '../domain/alert';
import { AlertQueries, alertAgeDays } from './alert-queries';
import { InMemoryAlerts } from '../../../test/in-memory-alerts';

/**
 * The inbox list over a region built by hand: 180 participants of two organisations in Kempen
 * (every kind, three severities, some acknowledged, snoozed or resolved, raised 0–59 days ago) and
 * one in Gent. Every expected count below is worked out from the loop that builds them.
 */
const today = '2026-11-12';
const clock: Clock = { now: () => new Date(`${today}T09:00:00.000Z`), today: () => today };
const manager: Principal = { userId: 'm', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };
const organiser: Principal = {
  userId: 'o',
  role: 'ORGANISER',
  organisationIds: ['org-herentals'],
  regionId: 'region-kempen',
};
const SEVERITIES: AlertSeverity[] = ['HIGH', 'MEDIUM', 'LOW'];

/** 09:00 UTC on the day `daysAgo` days before today (10:00 in Brussels: the same calendar day). */
const raisedDaysAgo = (daysAgo: number) => new Date(Date.parse(`${today}T09:00:00.000Z`) - daysAgo * 86_400_000);

function alert(i: number, kind: AlertKind, status: AlertStatus): Alert {
  const raisedAt = raisedDaysAgo(i % 60).toISOString();
  return {
    id: `alert-${String(i).padStart(3, '0')}`,
    kind,
    severity: SEVERITIES[i % 3],
    status,
    raisedAt,
    lastSeenAt: raisedAt,
    snoozedUntil: status === 'SNOOZED' ? '2026-12-01' : null,
    snoozeReason: status === 'SNOOZED' ? 'Op verlof' : null,
    resolvedAt: status === 'RESOLVED' ? raisedAt : null,
    resolution: status === 'RESOLVED' ? 'MANUAL' : null,
    openGapIds: [],
    facts: {},
    history: [],
  };
}

/** Participant i: Neteland when even, Herentals when odd; status by i % 10. */
const statusOf = (i: number): AlertStatus =>
  i % 10 === 0 ? 'RESOLVED' : i % 10 === 1 ? 'ACKNOWLEDGED' : i % 10 === 2 ? 'SNOOZED' : 'OPEN';

async function region() {
  const repository = new InMemoryAlerts();
  for (let i = 0; i < 180; i++) {
    const state: ParticipantAlerts = {
      participantId: `p-${i}`,
      organisationId: i % 2 === 0 ? 'org-neteland' : 'org-herentals',
      regionId: 'region-kempen',
      alerts: [alert(i, ALERT_KINDS[i % ALERT_KINDS.length], statusOf(i))],
    };
    await repository.insert(state, [], null);
  }
  await repository.insert(
    {
      participantId: 'p-gent',
      organisationId: 'org-gent',
      regionId: 'region-gent',
      alerts: [alert(999, 'LOW_HOURS', 'OPEN')],
    },
    [],
    null,
  );
  return new AlertQueries(repository, clock, repository);
}

const indexes = (predicate: (i: number) => boolean) => Array.from({ length: 180 }, (_, i) => i).filter(predicate);
const page = { limit: 50, offset: 0 };

describe('the alert inbox list', () => {
  it('shows every unresolved alert by default (open, acknowledged, snoozed), 50 a page with the total', async () => {
    const queries = await region();
    const first = await queries.list(manager, page);
    // 180 participants, every tenth resolved.
    expect(first.total).toBe(162);
    expect(first.items).toHaveLength(50);
    const pages = [first];
    for (let offset = 50; offset < 162; offset += 50) pages.push(await queries.list(manager, { limit: 50, offset }));
    const ids = pages.flatMap((p) => p.items.map((a) => a.id));
    expect(ids).toHaveLength(162);
    expect(new Set(ids).size).toBe(162);
    expect(pages.at(-1)!.items).toHaveLength(12);
    expect(new Set(pages.flatMap((p) => p.items.map((a) => a.status)))).toEqual(
      new Set(['OPEN', 'ACKNOWLEDGED', 'SNOOZED']),
    );
  });

  it('lists every kind, each with its own total', async () => {
    const queries = await region();
    for (const [k, kind] of ALERT_KINDS.entries()) {
      const expected = indexes((i) => i % ALERT_KINDS.length === k && i % 10 !== 0).length;
      expect([kind, (await queries.list(manager, { ...page, kind })).total]).toEqual([kind, expected]);
    }
  });

  it('filters by status, severity, organisation and age, together', async () => {
    const queries = await region();
    expect((await queries.list(manager, { ...page, statuses: ['RESOLVED'] })).total).toBe(18);
    expect((await queries.list(manager, { ...page, statuses: ['SNOOZED', 'ACKNOWLEDGED'] })).total).toBe(36);
    expect((await queries.list(manager, { ...page, severity: 'HIGH' })).total).toBe(
      indexes((i) => i % 3 === 0 && i % 10 !== 0).length,
    );
    expect((await queries.list(manager, { ...page, organisationId: 'org-herentals' })).total).toBe(
      indexes((i) => i % 2 === 1 && i % 10 !== 0).length,
    );
    const old = await queries.list(manager, { ...page, olderThanDays: 30, severity: 'MEDIUM' });
    expect(old.total).toBe(indexes((i) => i % 60 > 30 && i % 3 === 1 && i % 10 !== 0).length);
    expect(old.items.every((a) => a.ageDays > 30 && a.severity === 'MEDIUM')).toBe(true);
  });

  it('finds nothing for an organisation outside the caller’s scope, nor shows another region', async () => {
    const queries = await region();
    expect(await queries.list(manager, { ...page, organisationId: 'org-gent' })).toEqual({ items: [], total: 0 });
    expect(await queries.list(organiser, { ...page, organisationId: 'org-neteland' })).toEqual({
      items: [],
      total: 0,
    });
    const all = await queries.list(manager, { limit: 500, offset: 0 });
    expect(all.items.some((a) => a.regionId === 'region-gent')).toBe(false);
  });

  it('lists one participant’s alerts by id, and nothing of a participant outside the caller’s scope', async () => {
    const queries = await region();
    const resolved = await queries.list(manager, { ...page, participantId: 'p-10', statuses: ['RESOLVED'] });
    expect(resolved.items.map((a) => [a.participantId, a.status])).toEqual([['p-10', 'RESOLVED']]);
    expect((await queries.list(manager, { ...page, participantId: 'p-10' })).total).toBe(0);
    expect((await queries.list(organiser, { ...page, participantId: 'p-11' })).total).toBe(1);
    expect((await queries.list(organiser, { ...page, participantId: 'p-12' })).total).toBe(0);
    expect((await queries.list(manager, { ...page, participantId: 'p-gent' })).total).toBe(0);
  });

  it('sorts newest first by default, oldest first, or by severity (then newest)', async () => {
    const queries = await region();
    const newest = (await queries.list(manager, { limit: 500, offset: 0 })).items;
    expect(newest.map((a) => a.raisedAt)).toEqual([...newest.map((a) => a.raisedAt)].sort().reverse());
    const oldest = (await queries.list(manager, { limit: 500, offset: 0, sort: 'oldest' })).items;
    expect(oldest[0].ageDays).toBe(59);
    const bySeverity = (await queries.list(manager, { limit: 500, offset: 0, sort: 'severity' })).items;
    const ranks = bySeverity.map((a) => ['HIGH', 'MEDIUM', 'LOW'].indexOf(a.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(bySeverity[0]).toMatchObject({ severity: 'HIGH', ageDays: 3 });
  });

  it('counts age in Belgian calendar days, as the dashboard’s age bands do', () => {
    // Raised at 23:30 UTC on 3 November = 00:30 on 4 November in Brussels: 8 days before the 12th.
    expect(alertAgeDays('2026-11-03T23:30:00.000Z', '2026-11-12')).toBe(8);
    expect(alertAgeDays('2026-11-03T22:30:00.000Z', '2026-11-12')).toBe(9);
  });
});
