import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { daysAgo } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { ALERT_REPOSITORY, AlertRepository } from './application/alert-repository';
import { AlertWriter } from './application/alert-writer';
import { AlertFeed } from './application/alert-feed';
import { RecordAlertCauseHandler } from './application/record-alert-cause';
import { CLOCK, Clock } from '../shared/clock';
import { KeyedLock, WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import { MongoAlertRepository } from './infrastructure/mongo-alert-repository';
import {
  ALERT_INBOX_COLLECTION,
  ALERT_INBOX_PENDING_COLLECTION,
  BUILT_MARKER,
  MongoAlertInbox,
} from './infrastructure/mongo-alert-inbox';
import { ALERT_KINDS, ALERT_SEVERITIES, AlertStatus } from './domain/alert';
import { alertsFixture, storedAlert } from '../../test/alerts-fixture';

describe('the alert inbox and the alert store on FerretDB', () => {
  const alerts = alertsFixture();
  const { suffix, as, app, http } = alerts;
  const { kempen } = alerts.ids;

  it('pages through every unresolved alert of an organisation with the total, filtered and sorted, from the database', async () => {
    // 130 participants of one organisation of this file's own, each with one alert: every kind, three severities, raised 0–64 days before the service's
    // today; every tenth resolved, every tenth after that snoozed.
    const bulk = `org-bulk-${suffix}`;
    const writer = app().get(AlertWriter);
    const statusOf = (i: number): AlertStatus => (i % 10 === 0 ? 'RESOLVED' : i % 10 === 1 ? 'SNOOZED' : 'OPEN');
    for (let i = 0; i < 130; i++) {
      const raisedAt = `${daysAgo(i % 65)}T10:00:00.000Z`;
      const alert = storedAlert(raisedAt, {
        kind: ALERT_KINDS[i % ALERT_KINDS.length],
        severity: ALERT_SEVERITIES[i % 3],
        status: statusOf(i),
        snoozedUntil: statusOf(i) === 'SNOOZED' ? daysAgo(-10) : null,
        snoozeReason: statusOf(i) === 'SNOOZED' ? 'Op verlof' : null,
        resolvedAt: statusOf(i) === 'RESOLVED' ? raisedAt : null,
        resolution: statusOf(i) === 'RESOLVED' ? 'MANUAL' : null,
      });
      const state = { participantId: randomUUID(), organisationId: bulk, regionId: kempen, alerts: [alert] };
      // Stored the one way alerts are stored, so the inbox read model hears of it as it would.
      await writer.write({
        participantId: state.participantId,
        eventId: null,
        decide: () => ({ state, facts: [], changes: [{ type: 'RAISED', alert }] }),
      });
    }
    const list = (query: string) =>
      http().get(`/alerts?organisationId=${bulk}&${query}`).set(as('managerKempen')).expect(200);
    const all = Array.from({ length: 130 }, (_, i) => i);

    const first = await list('');
    expect([first.body.total, first.body.items.length]).toEqual([117, 50]);
    const third = await list('offset=100');
    expect(third.body.items).toHaveLength(17);
    const second = await list('offset=50');
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map((a: { id: string }) => a.id);
    expect(new Set(seen).size).toBe(117);

    for (const [k, kind] of ALERT_KINDS.entries())
      expect([kind, (await list(`kind=${kind}`)).body.total]).toEqual([
        kind,
        all.filter((i) => i % ALERT_KINDS.length === k && i % 10 !== 0).length,
      ]);
    expect((await list('status=RESOLVED')).body.total).toBe(13);
    expect((await list('status=SNOOZED&severity=MEDIUM')).body.total).toBe(
      all.filter((i) => i % 10 === 1 && i % 3 === 1).length,
    );
    const old = await list('olderThanDays=30&sort=oldest&limit=5');
    expect(old.body.total).toBe(all.filter((i) => i % 65 > 30 && i % 10 !== 0).length);
    expect(old.body.items.map((a: { ageDays: number }) => a.ageDays)).toEqual([64, 64, 63, 63, 62]);
    const bySeverity = await list('sort=severity&limit=500');
    expect(bySeverity.body.items.map((a: { severity: string }) => a.severity)).toEqual([
      ...Array(all.filter((i) => i % 3 === 2 && i % 10 !== 0).length).fill('HIGH'),
      ...Array(all.filter((i) => i % 3 === 1 && i % 10 !== 0).length).fill('MEDIUM'),
      ...Array(all.filter((i) => i % 3 === 0 && i % 10 !== 0).length).fill('LOW'),
    ]);

    // A filter narrows and never widens: another region's manager and another organisation find nothing.
    const gentManager = await http().get(`/alerts?organisationId=${bulk}`).set(as('managerGent')).expect(200);
    expect(gentManager.body).toEqual({ items: [], total: 0 });
    const herentalsStaff = await http().get(`/alerts?organisationId=${bulk}`).set(as('herentals')).expect(200);
    expect(herentalsStaff.body).toEqual({ items: [], total: 0 });
    const bad = await http().get('/alerts?status=OPEN,GONE&sort=loudest').set(as('managerKempen')).expect(400);
    expect(bad.body.code).toBe('REQUEST.INVALID');
  });

  it('builds the inbox once from alerts stored before it existed (an upgrade)', async () => {
    // Alerts written straight into participant_alerts, as before the inbox read model existed.
    const upgraded = `org-upgraded-${suffix}`;
    const repository = app().get<symbol, AlertRepository>(ALERT_REPOSITORY);
    for (const severity of ALERT_SEVERITIES) {
      const raisedAt = `${daysAgo(3)}T10:00:00.000Z`;
      const alert = storedAlert(raisedAt, { kind: 'FOLLOW_UP_DUE', severity });
      const state = { participantId: randomUUID(), organisationId: upgraded, regionId: kempen, alerts: [alert] };
      expect(await repository.insert(state, [], null)).toBe(true);
    }
    const listed = async () =>
      (await http().get(`/alerts?organisationId=${upgraded}&sort=severity`).set(as('managerKempen')).expect(200)).body;
    expect((await listed()).total).toBe(0);

    // This app's own database: its inbox is built again as a first start after the upgrade would.
    const connection = app().get<Connection>(getConnectionToken());
    await connection.collection(ALERT_INBOX_COLLECTION).deleteOne({ _id: BUILT_MARKER } as never);
    await app().get(MongoAlertInbox).build();
    const rebuilt = await listed();
    expect([rebuilt.total, rebuilt.items.map((a: { severity: string }) => a.severity)]).toEqual([
      3,
      ['HIGH', 'MEDIUM', 'LOW'],
    ]);
  });

  it('builds the inbox once when two replicas start together on a database without it, and both start', async () => {
    const together = `org-together-${suffix}`;
    const repository = app().get<symbol, AlertRepository>(ALERT_REPOSITORY);
    for (const severity of ALERT_SEVERITIES) {
      const alert = storedAlert(`${daysAgo(2)}T10:00:00.000Z`, { kind: 'FOLLOW_UP_DUE', severity });
      const state = { participantId: randomUUID(), organisationId: together, regionId: kempen, alerts: [alert] };
      expect(await repository.insert(state, [], null)).toBe(true);
    }
    const connection = app().get<Connection>(getConnectionToken());
    await connection.collection(ALERT_INBOX_COLLECTION).deleteOne({ _id: BUILT_MARKER } as never);
    // A second replica on the same database: before the build claim, the loser of the race crashed
    // on the marker's duplicate key and the service did not start.
    const replicas = [app().get(MongoAlertInbox), new MongoAlertInbox(connection, app().get<symbol, Clock>(CLOCK))];
    await Promise.all(replicas.map((inbox) => inbox.build()));
    const listed = (
      await http().get(`/alerts?organisationId=${together}&sort=severity`).set(as('managerKempen')).expect(200)
    ).body;
    expect([listed.total, listed.items.map((a: { severity: string }) => a.severity)]).toEqual([
      3,
      ['HIGH', 'MEDIUM', 'LOW'],
    ]);
    // Only the marker is left: the claim went with the build.
    const markers = await connection.collection(ALERT_INBOX_COLLECTION).find({}).toArray();
    expect(markers.map((m) => m._id)).toEqual([BUILT_MARKER]);
  });

  it('repairs the inbox of an alert whose writer died between the alert and its inbox entry', async () => {
    const organisationId = `org-crash-${suffix}`;
    const participantId = randomUUID();
    const inbox = app().get(MongoAlertInbox);
    const repository = app().get<symbol, AlertRepository>(ALERT_REPOSITORY);
    const raisedAt = `${daysAgo(1)}T10:00:00.000Z`;
    const alert = storedAlert(raisedAt, { kind: 'LOW_HOURS', severity: 'HIGH' });
    // What the writer does before its write, then the write, then the process dies: no sync.
    await inbox.willChange(participantId, 0);
    expect(
      await repository.insert({ participantId, organisationId, regionId: kempen, alerts: [alert] }, [], null),
    ).toBe(true);
    const listed = async () =>
      (await http().get(`/alerts?organisationId=${organisationId}`).set(as('managerKempen')).expect(200)).body as {
        total: number;
        items: Array<{ id: string; participantId: string }>;
      };
    expect((await listed()).total).toBe(0);

    // The periodic repair (here without waiting out the minute a live write may take).
    expect(await inbox.repairPending(0)).toBeGreaterThanOrEqual(1);
    const repaired = await listed();
    expect([repaired.total, repaired.items.map((a) => [a.id, a.participantId])]).toEqual([
      1,
      [[alert.id, participantId]],
    ]);
    // The mark is gone: a second repair finds nothing of this participant's to do.
    expect(await inbox.repairPending(0)).toBe(0);
  });

  it('marks a batch write with one document and repairs every participant of a batch whose writer died before the inbox', async () => {
    const organisationId = `org-batch-crash-${suffix}`;
    const inbox = app().get(MongoAlertInbox);
    const repository = app().get<symbol, AlertRepository>(ALERT_REPOSITORY);
    const pending = app().get<Connection>(getConnectionToken()).collection(ALERT_INBOX_PENDING_COLLECTION);
    const participants = [randomUUID(), randomUUID(), randomUUID()];
    const states = participants.map((participantId) => ({
      participantId,
      organisationId,
      regionId: kempen,
      alerts: [storedAlert(`${daysAgo(1)}T10:00:00.000Z`, { kind: 'LOW_HOURS', severity: 'HIGH' })],
    }));
    // What a batch write does before its writes, then the writes, then the process dies: no sync.
    const marks = await inbox.willChangeMany(participants.map((participantId) => ({ participantId, version: 0 })));
    // One mark for the batch (issue 14: one insert and one delete per batch, not per participant).
    const marksOfThese = (await pending.find({}).toArray()).filter((mark) =>
      participants.some((p) => mark.participantId === p || (mark.participantIds as string[] | undefined)?.includes(p)),
    );
    expect([new Set(marks).size, marksOfThese.length]).toEqual([1, 1]);
    expect(
      await repository.storeMany(
        states.map((state) => ({ state, expectedVersion: null, outbox: [], appliedEventIds: [] })),
      ),
    ).toEqual([true, true, true]);
    const listed = async () =>
      (await http().get(`/alerts?organisationId=${organisationId}`).set(as('managerKempen')).expect(200)).body as {
        total: number;
        items: Array<{ participantId: string }>;
      };
    expect((await listed()).total).toBe(0);

    expect(await inbox.repairPending(0)).toBeGreaterThanOrEqual(1);
    const repaired = await listed();
    expect([repaired.total, repaired.items.map((a) => a.participantId).sort()]).toEqual([3, [...participants].sort()]);
    expect(await pending.countDocuments({ _id: marks[0] } as never)).toBe(0);
  });

  it('keeps every change of one participant when two instances write its alerts at once (version claims)', async () => {
    const participantId = randomUUID();
    const organisationId = `org-two-${suffix}`;
    const guard = app().get<symbol, WriteGuard>(WRITE_GUARD);
    const connection = app().get<Connection>(getConnectionToken());
    // A second instance: its own in-process lock, the same database.
    const secondGuard: WriteGuard = { ...guard, lock: new KeyedLock() };
    const secondLock = secondGuard.lock;
    const second = new AlertWriter(
      new MongoAlertRepository(connection, secondGuard),
      new AlertFeed(),
      undefined,
      (key, work) => secondLock.run(key, work),
      app().get(MongoAlertInbox),
    );
    const clock = app().get<symbol, Clock>(CLOCK);
    const handlers = [
      new RecordAlertCauseHandler(app().get(AlertWriter), clock),
      new RecordAlertCauseHandler(second, clock),
    ];
    await app()
      .get<symbol, AlertRepository>(ALERT_REPOSITORY)
      .ensure({ participantId, organisationId, regionId: kempen });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handlers[i % 2].raise(randomUUID(), {
          participantId,
          organisationId,
          regionId: kempen,
          kind: 'LOW_HOURS',
          severity: 'MEDIUM',
          facts: { countedHours: i },
        }),
      ),
    );
    const stored = await app().get<symbol, AlertRepository>(ALERT_REPOSITORY).load(participantId);
    // One alert, raised once and updated 19 times, every event recorded once.
    expect([
      stored?.state.alerts.length,
      stored?.state.alerts[0].history.length,
      stored?.appliedEventIds.length,
    ]).toEqual([1, 20, 20]);
  });
});
