import type { Principal } from '@stapsteen/auth';
import { KeyedLock } from '@stapsteen/concurrency';
import type { Clock } from '../../shared/clock';
import type { RaiseCause } from '../domain/alert';
import { AlertFeed, AlertNotification } from './alert-feed';
import { AlertQueries } from './alert-queries';
import { AlertWriter } from './alert-writer';
import { ManageAlertHandler } from './manage-alert';
import { RecordAlertCauseHandler } from './record-alert-cause';
import { InMemoryAlerts } from '../../../test/in-memory-alerts';

const clock: Clock = { now: () => new Date('2026-11-12T09:00:00.000Z'), today: () => '2026-11-12' };
const managerKempen: Principal = {
  userId: 'manager-kempen',
  role: 'REGIONAL_MANAGER',
  organisationIds: [],
  regionId: 'region-kempen',
};
const managerGent: Principal = {
  userId: 'manager-gent',
  role: 'REGIONAL_MANAGER',
  organisationIds: [],
  regionId: 'region-gent',
};
const organiserHerentals: Principal = {
  userId: 'organiser-herentals',
  role: 'ORGANISER',
  organisationIds: ['org-herentals'],
  regionId: 'region-kempen',
};
const flagged: RaiseCause = {
  participantId: 'p-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  kind: 'LOW_HOURS',
  severity: 'HIGH',
};

function setUp() {
  const repository = new InMemoryAlerts();
  const feed = new AlertFeed();
  const seen: AlertNotification[] = [];
  feed.changes.subscribe((n) => seen.push(n));
  const lock = new KeyedLock();
  let nudges = 0;
  const writer = new AlertWriter(
    repository,
    feed,
    () => nudges++,
    (key, work) => lock.run(key, work),
  );
  let n = 0;
  return {
    repository,
    seen,
    nudges: () => nudges,
    causes: new RecordAlertCauseHandler(writer, clock, () => `alert-${++n}`),
    manage: new ManageAlertHandler(writer, clock, { maxSnoozeDays: 90 }),
    queries: new AlertQueries(repository, clock, repository),
  };
}

describe('alerts from events', () => {
  it('raises nothing twice when the same event is delivered again', async () => {
    const { causes, repository } = setUp();
    await causes.raise('event-1', flagged);
    await causes.raise('event-1', flagged);
    const stored = await repository.load('p-1');
    expect(stored?.state.alerts).toHaveLength(1);
    expect(stored?.state.alerts[0].history).toHaveLength(1);
    expect(repository.outboxOf('p-1').filter((e) => e.type === 'alert.raised')).toHaveLength(1);
  });

  it('stores alert.raised in the same document, caused by the incoming event, and nudges the relay', async () => {
    const { causes, repository, nudges } = setUp();
    await causes.raise('event-1', flagged);
    expect(repository.outboxOf('p-1')).toEqual([
      expect.objectContaining({
        type: 'alert.raised',
        producer: 'flow-through',
        participantId: 'p-1',
        causationId: 'event-1',
        data: expect.objectContaining({ alertId: 'alert-1', kind: 'LOW_HOURS', severity: 'HIGH' }),
      }),
    ]);
    expect(nudges()).toBe(1);
  });

  it('opens one alert when many reports for one participant arrive at once', async () => {
    const { causes, repository } = setUp();
    await Promise.all(Array.from({ length: 20 }, (_, i) => causes.raise(`event-${i}`, flagged)));
    const stored = await repository.load('p-1');
    expect(stored?.state.alerts).toHaveLength(1);
    expect(stored?.appliedEventIds).toHaveLength(20);
  });

  it('tells live screens about a raise and a resolution', async () => {
    const { causes, seen } = setUp();
    await causes.raise('event-1', flagged);
    await causes.clear('event-2', { participantId: 'p-1', kind: 'LOW_HOURS' });
    expect(seen.map((n) => [n.type, n.regionId])).toEqual([
      ['RAISED', 'region-kempen'],
      ['RESOLVED', 'region-kempen'],
    ]);
  });

  it('writes nothing for a clearance of a participant without alerts', async () => {
    const { causes, repository } = setUp();
    await causes.clear('event-1', { participantId: 'p-9', kind: 'LOW_HOURS' });
    expect(repository.documents.size).toBe(0);
  });
});

describe('alerts from a batch of events', () => {
  const neteland = (participantId: string): RaiseCause => ({ ...flagged, participantId });

  it('applies each participant’s events in order, each once, as one event at a time would', async () => {
    const batch = setUp();
    const single = setUp();
    await batch.causes.raise('event-0', neteland('p-1'));
    await single.causes.raise('event-0', neteland('p-1'));
    const events = [
      { kind: 'raise' as const, eventId: 'event-1', cause: neteland('p-2') },
      { kind: 'raise' as const, eventId: 'event-2', cause: { ...neteland('p-1'), severity: 'MEDIUM' as const } },
      { kind: 'clear' as const, eventId: 'event-3', cause: { participantId: 'p-2', kind: 'LOW_HOURS' as const } },
      { kind: 'raise' as const, eventId: 'event-4', cause: neteland('p-2') },
      // Delivered again within the batch, and an event applied before the batch.
      { kind: 'raise' as const, eventId: 'event-4', cause: neteland('p-2') },
      { kind: 'raise' as const, eventId: 'event-0', cause: neteland('p-1') },
      { kind: 'clear' as const, eventId: 'event-5', cause: { participantId: 'p-9', kind: 'LOW_HOURS' as const } },
    ];
    await batch.causes.applyMany(events);
    for (const e of events)
      await (e.kind === 'raise' ? single.causes.raise(e.eventId, e.cause) : single.causes.clear(e.eventId, e.cause));

    for (const id of ['p-1', 'p-2']) {
      const [a, b] = [await batch.repository.load(id), await single.repository.load(id)];
      expect({ ...a, version: 0 }).toEqual({ ...b, version: 0 });
      expect(batch.repository.outboxOf(id).map((e) => [e.type, e.causationId])).toEqual(
        single.repository.outboxOf(id).map((e) => [e.type, e.causationId]),
      );
    }
    expect((await batch.repository.load('p-2'))?.state.alerts.map((a) => a.status)).toEqual(['RESOLVED', 'OPEN']);
    expect((await batch.repository.load('p-2'))?.appliedEventIds).toEqual(['event-1', 'event-3', 'event-4']);
    expect(batch.repository.documents.has('p-9')).toBe(false);
    // Live screens hear each participant's changes in order (participants may interleave).
    for (const id of ['p-1', 'p-2'])
      expect(batch.seen.filter((n) => n.participantId === id).map((n) => n.type)).toEqual(
        single.seen.filter((n) => n.participantId === id).map((n) => n.type),
      );
  });
});

describe('the alert inbox', () => {
  it('lets the manager of the region acknowledge an alert', async () => {
    const { causes, manage } = setUp();
    await causes.raise('event-1', flagged);
    const alert = await manage.acknowledge(managerKempen, 'p-1', 'LOW_HOURS');
    expect(alert).toMatchObject({ status: 'ACKNOWLEDGED', participantId: 'p-1' });
  });

  it('answers not found to a manager of another region who tries to resolve it', async () => {
    const { causes, manage } = setUp();
    await causes.raise('event-1', flagged);
    await expect(manage.resolve(managerGent, 'p-1', 'LOW_HOURS', 'Opgevolgd')).rejects.toMatchObject({
      code: 'ALERT.NOT_FOUND',
    });
  });

  it('answers not found to staff of another organisation who look at it', async () => {
    const { causes, queries } = setUp();
    await causes.raise('event-1', flagged);
    await expect(queries.get(organiserHerentals, 'p-1', 'LOW_HOURS')).rejects.toMatchObject({
      code: 'ALERT.NOT_FOUND',
    });
  });

  it('lists only the alerts of the caller’s region, newest first, with their age in days', async () => {
    const { causes, queries } = setUp();
    await causes.raise('event-1', flagged);
    await causes.raise('event-2', {
      ...flagged,
      participantId: 'p-2',
      regionId: 'region-gent',
      organisationId: 'org-gent',
    });
    const page = await queries.list(managerKempen, { limit: 50, offset: 0 });
    expect(page.items.map((a) => [a.participantId, a.ageDays])).toEqual([['p-1', 0]]);
  });

  it('filters the list by status', async () => {
    const { causes, queries } = setUp();
    await causes.raise('event-1', flagged);
    await causes.clear('event-2', { participantId: 'p-1', kind: 'LOW_HOURS' });
    expect((await queries.list(managerKempen, { statuses: ['OPEN'], limit: 50, offset: 0 })).total).toBe(0);
    expect((await queries.list(managerKempen, { limit: 50, offset: 0 })).total).toBe(0);
    expect((await queries.list(managerKempen, { statuses: ['RESOLVED'], limit: 50, offset: 0 })).total).toBe(1);
  });
});
