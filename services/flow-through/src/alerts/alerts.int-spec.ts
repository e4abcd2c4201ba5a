import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import {
  createTestKeyPair,
  daysAgo,
  eventually,
  mintToken,
  monthsAgo,
  sendRaw,
  startTestService,
  waitForMessage,
} from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../app.module';
import { ALERT_REPOSITORY, AlertRepository } from './application/alert-repository';
import { AlertWriter } from './application/alert-writer';
import { AlertFeed } from './application/alert-feed';
import { RecordAlertCauseHandler } from './application/record-alert-cause';
import { CLOCK, Clock } from '../shared/clock';
import { KeyedLock, WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import { MongoAlertRepository } from './infrastructure/mongo-alert-repository';
import { ALERT_INBOX_COLLECTION, BUILT_MARKER, MongoAlertInbox } from './infrastructure/mongo-alert-inbox';
import { ALERT_KINDS, ALERT_SEVERITIES, Alert, AlertStatus } from './domain/alert';

describe('manager alerts from the hours events, over HTTP and real Kafka', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const kempen = `region-kempen-${suffix}`;
  const gent = `region-gent-${suffix}`;
  const neteland = `org-neteland-${suffix}`;
  const herentals = `org-herentals-${suffix}`;
  /** An organisation of one test's own, so its open-alert counts are that test's alone. */
  const undoOrganisation = `org-undo-${suffix}`;
  const tokens: Record<string, string> = {};
  let app: INestApplication;

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const hoursEvent = (
    type: string,
    participantId: string,
    data: object,
    scope = { organisationId: neteland, regionId: kempen },
  ) => ({
    key: participantId,
    value: JSON.stringify(
      createEnvelope({
        type,
        version: 1,
        producer: 'hours',
        participantId,
        correlationId: randomUUID(),
        data: { participantId, ...scope, ...data },
      }),
    ),
  });
  const flagged = (
    participantId: string,
    month: string,
    severity: 'MEDIUM' | 'HIGH',
    scope?: { organisationId: string; regionId: string },
  ) =>
    hoursEvent(
      'participant.low-hours-flagged',
      participantId,
      {
        month,
        countedHours: 9,
        targetHours: 20,
        consecutiveMonthsBelow: severity === 'HIGH' ? 2 : 1,
        fallingTrend: false,
        severity,
      },
      scope,
    );
  const lowHoursAlertsOf = async (who: string, participantId: string) => {
    const response = await request(app.getHttpServer())
      .get('/alerts?kind=LOW_HOURS&status=OPEN,ACKNOWLEDGED,SNOOZED,RESOLVED&limit=500')
      .set(as(who))
      .expect(200);
    return (response.body.items as Array<{ id: string; participantId: string }>).filter(
      (a) => a.participantId === participantId,
    );
  };

  /** Opens the live stream as a screen would and collects its events until closed. */
  const openStream = async (who: string) => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const events: Array<{ type: string; data: { participantId: string; kind: string; status: string } }> = [];
    const req = http.get({ host: '127.0.0.1', port, path: '/alerts/stream', headers: as(who) });
    await new Promise<void>((resolve, reject) => {
      req.on('response', (response) => {
        expect(response.statusCode).toBe(200);
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          for (const block of blocks) {
            const field = (name: string) =>
              block
                .split('\n')
                .find((line) => line.startsWith(`${name}: `))
                ?.slice(name.length + 2);
            const data = field('data');
            if (data) events.push({ type: field('event') ?? 'message', data: JSON.parse(data) });
          }
        });
        resolve();
      });
      req.on('error', reject);
    });
    return { events, close: () => req.destroy() };
  };

  beforeAll(async () => {
    app = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
    await app.listen(0, '127.0.0.1');
    const mint = (sub: string, role: string, orgIds: string[], regionId: string | null) =>
      mintToken(keys.privateKeyPem, { sub, role, orgIds, regionId });
    tokens.managerKempen = await mint('manager-kempen', 'REGIONAL_MANAGER', [], kempen);
    tokens.managerGent = await mint('manager-gent', 'REGIONAL_MANAGER', [], gent);
    tokens.neteland = await mint('organiser-neteland', 'ORGANISER', [neteland], kempen);
    tokens.herentals = await mint('organiser-herentals', 'ORGANISER', [herentals], kempen);
    tokens.undo = await mint('organiser-undo', 'ORGANISER', [undoOrganisation], kempen);
    tokens.admin = await mint('admin', 'ADMIN', [], null);
  });

  afterAll(() => app?.close());

  it('turns a low-hours flag into one alert, even delivered twice, and resolves it when the flag clears', async () => {
    const participantId = randomUUID();
    const first = flagged(participantId, monthsAgo(3), 'MEDIUM');
    await sendRaw(TOPICS.hours, [first]);

    const [alert] = await eventually(
      () => lowHoursAlertsOf('managerKempen', participantId),
      (alerts) => alerts.length === 1,
      { what: 'the low-hours alert in the manager’s inbox' },
    );
    expect(alert).toMatchObject({
      kind: 'LOW_HOURS',
      status: 'OPEN',
      severity: 'MEDIUM',
      ageDays: 0,
      organisationId: neteland,
    });
    const raised = await waitForMessage(
      TOPICS.alerts,
      (m) => m.key === participantId && JSON.parse(m.value).type === 'alert.raised',
    );
    expect(JSON.parse(raised.value).data).toMatchObject({ kind: 'LOW_HOURS', regionId: kempen, severity: 'MEDIUM' });

    // The same message again, then the next month's flag on the same partition: once that shows,
    // the redelivery before it has been consumed too.
    await sendRaw(TOPICS.hours, [first, flagged(participantId, monthsAgo(2), 'HIGH')]);
    const updated = await eventually(
      () => request(app.getHttpServer()).get(`/alerts/${participantId}/LOW_HOURS`).set(as('managerKempen')).expect(200),
      (response) => response.body.severity === 'HIGH',
      { what: 'the alert updated to high severity' },
    );
    expect(updated.body.history.map((t: { action: string }) => t.action)).toEqual(['RAISED', 'UPDATED']);
    expect(await lowHoursAlertsOf('managerKempen', participantId)).toHaveLength(1);

    await sendRaw(TOPICS.hours, [
      hoursEvent('participant.low-hours-cleared', participantId, {
        month: monthsAgo(1),
        countedHours: 21,
        targetHours: 20,
      }),
    ]);
    const resolved = await eventually(
      () => request(app.getHttpServer()).get(`/alerts/${participantId}/LOW_HOURS`).set(as('managerKempen')).expect(200),
      (response) => response.body.status === 'RESOLVED',
      { what: 'the alert resolved' },
    );
    expect(resolved.body).toMatchObject({ resolution: 'CAUSE_CLEARED', id: alert.id });
    const published = await waitForMessage(
      TOPICS.alerts,
      (m) => m.key === participantId && JSON.parse(m.value).type === 'alert.resolved',
    );
    expect(JSON.parse(published.value)).toMatchObject({
      producer: 'flow-through',
      data: { alertId: alert.id, kind: 'LOW_HOURS', resolution: 'CAUSE_CLEARED', regionId: kempen },
    });
  });

  it('shows a region’s alerts to nobody outside it: another region’s manager sees nothing, another organisation gets 404', async () => {
    const participantId = randomUUID();
    await sendRaw(TOPICS.hours, [flagged(participantId, monthsAgo(2), 'HIGH')]);
    await eventually(
      () => lowHoursAlertsOf('neteland', participantId),
      (alerts) => alerts.length === 1,
      { what: 'the alert in the organisation’s inbox' },
    );

    expect(await lowHoursAlertsOf('managerGent', participantId)).toEqual([]);
    // One participant's alerts by id: theirs for their organisation, nothing for another one.
    const byParticipant = (who: string) =>
      request(app.getHttpServer()).get(`/alerts?participantId=${participantId}`).set(as(who)).expect(200);
    expect((await byParticipant('neteland')).body.items.map((a: { kind: string }) => a.kind)).toEqual(['LOW_HOURS']);
    expect((await byParticipant('herentals')).body).toEqual({ items: [], total: 0 });
    await request(app.getHttpServer()).get(`/alerts/${participantId}/LOW_HOURS`).set(as('managerGent')).expect(404);
    const hidden = await request(app.getHttpServer())
      .get(`/alerts/${participantId}/LOW_HOURS`)
      .set(as('herentals'))
      .expect(404);
    expect(hidden.body.code).toBe('ALERT.NOT_FOUND');
    await request(app.getHttpServer())
      .post(`/alerts/${participantId}/LOW_HOURS/acknowledge`)
      .set(as('herentals'))
      .expect(404);
  });

  it('lets the region’s manager acknowledge, snooze and resolve an alert, and refuses bad input as problem details', async () => {
    const participantId = randomUUID();
    await sendRaw(TOPICS.hours, [flagged(participantId, monthsAgo(2), 'HIGH')]);
    await eventually(
      () => lowHoursAlertsOf('managerKempen', participantId),
      (alerts) => alerts.length === 1,
      { what: 'the alert in the manager’s inbox' },
    );
    const url = `/alerts/${participantId}/LOW_HOURS`;

    const acknowledged = await request(app.getHttpServer())
      .post(`${url}/acknowledge`)
      .set(as('managerKempen'))
      .expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'ACKNOWLEDGED' });

    const invalid = await request(app.getHttpServer())
      .post(`${url}/snooze`)
      .set(as('managerKempen'))
      .send({ reason: 'Op verlof', until: '31/12/2026', extra: true })
      .expect(400);
    expect(invalid.body).toMatchObject({ code: 'REQUEST.INVALID' });

    // Two weeks after the service's today (the test clock), whatever the real date.
    const until = daysAgo(-14);
    const snoozed = await request(app.getHttpServer())
      .post(`${url}/snooze`)
      .set(as('managerKempen'))
      .send({ reason: 'Op verlof', until })
      .expect(200);
    expect(snoozed.body).toMatchObject({ status: 'SNOOZED', snoozedUntil: until, snoozeReason: 'Op verlof' });

    const resolved = await request(app.getHttpServer())
      .post(`${url}/resolve`)
      .set(as('managerKempen'))
      .send({ reason: 'Terug aan het werk' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolution: 'MANUAL' });
    expect(resolved.body.history.map((t: { action: string; by: string }) => [t.action, t.by])).toEqual([
      ['RAISED', 'system'],
      ['ACKNOWLEDGED', 'manager-kempen'],
      ['SNOOZED', 'manager-kempen'],
      ['RESOLVED', 'manager-kempen'],
    ]);

    const again = await request(app.getHttpServer()).post(`${url}/acknowledge`).set(as('managerKempen')).expect(422);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body.code).toBe('ALERT.INVALID_TRANSITION');
    await request(app.getHttpServer())
      .get(`/alerts/${participantId}/NO_SUCH_KIND`)
      .set(as('managerKempen'))
      .expect(400);
  });
  it('resolves with a reason kept in the history, undoes it, and the dashboard counts the alert as open again', async () => {
    const participantId = randomUUID();
    const scope = { organisationId: undoOrganisation, regionId: kempen };
    // The dashboard counts the alerts of the organisations it knows.
    await request(app.getHttpServer())
      .put('/organisations')
      .set(as('admin'))
      .send({ id: undoOrganisation, name: 'Organisatie ongedaan maken', kind: 'WIJK_WERK', regionId: kempen })
      .expect(200);
    await sendRaw(TOPICS.hours, [flagged(participantId, monthsAgo(2), 'HIGH', scope)]);
    const url = `/alerts/${participantId}/LOW_HOURS`;
    const counts = async () => {
      const dashboard = (await request(app.getHttpServer()).get('/kpis/alerts').set(as('undo')).expect(200)).body
        .kinds as Array<{ kind: string; open: number }>;
      const summary = (await request(app.getHttpServer()).get('/kpis/summary').set(as('undo')).expect(200)).body;
      const inbox = (await request(app.getHttpServer()).get('/alerts').set(as('undo')).expect(200)).body.total;
      return {
        dashboardLowHours: dashboard.find((k) => k.kind === 'LOW_HOURS')?.open,
        summary: summary.openAlerts as number,
        inbox: inbox as number,
      };
    };
    await eventually(counts, (c) => c.dashboardLowHours === 1 && c.inbox === 1 && c.summary === 1, {
      what: 'the alert open in the inbox and on the dashboard',
    });

    const missing = await request(app.getHttpServer())
      .post(`${url}/resolve`)
      .set(as('managerKempen'))
      .send({})
      .expect(400);
    expect(missing.body).toMatchObject({ code: 'REQUEST.INVALID' });
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const blank = await request(app.getHttpServer())
      .post(`${url}/resolve`)
      .set(as('managerKempen'))
      .send({ reason: '   ' })
      .expect(400);
    expect(blank.body.code).toBe('ALERT.RESOLVE_REASON_REQUIRED');
    expect((await request(app.getHttpServer()).get(url).set(as('managerKempen')).expect(200)).body.status).toBe('OPEN');

    const resolved = await request(app.getHttpServer())
      .post(`${url}/resolve`)
      .set(as('managerKempen'))
      .send({ reason: 'Werkt sinds maandag bij een nieuwe werkgever' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolution: 'MANUAL' });
    expect(resolved.body.history.at(-1)).toMatchObject({
      action: 'RESOLVED',
      by: 'manager-kempen',
      reason: 'Werkt sinds maandag bij een nieuwe werkgever',
      resolution: 'MANUAL',
    });
    await eventually(counts, (c) => c.dashboardLowHours === 0 && c.inbox === 0 && c.summary === 0, {
      what: 'the resolved alert counted by neither the inbox nor the dashboard',
    });

    const reopened = await request(app.getHttpServer()).post(`${url}/reopen`).set(as('managerKempen')).expect(200);
    expect(reopened.body).toMatchObject({ id: resolved.body.id, status: 'OPEN', resolution: null, resolvedAt: null });
    expect(reopened.body.history.map((t: { action: string; by: string }) => [t.action, t.by])).toEqual([
      ['RAISED', 'system'],
      ['RESOLVED', 'manager-kempen'],
      ['REOPENED', 'manager-kempen'],
    ]);
    expect(await eventually(counts, (c) => c.dashboardLowHours === 1, { what: 'the reopened alert counted' })).toEqual({
      dashboardLowHours: 1,
      summary: 1,
      inbox: 1,
    });
    // Undone once: there is nothing resolved left to undo.
    const twice = await request(app.getHttpServer()).post(`${url}/reopen`).set(as('managerKempen')).expect(422);
    expect(twice.body.code).toBe('ALERT.INVALID_TRANSITION');

    // Resolved because its cause cleared: the cause is gone, so there is nothing to undo.
    await sendRaw(TOPICS.hours, [
      hoursEvent(
        'participant.low-hours-cleared',
        participantId,
        { month: monthsAgo(1), countedHours: 21, targetHours: 20 },
        scope,
      ),
    ]);
    await eventually(
      () => request(app.getHttpServer()).get(url).set(as('managerKempen')).expect(200),
      (response) => response.body.resolution === 'CAUSE_CLEARED',
      { what: 'the alert resolved by its cause' },
    );
    const refused = await request(app.getHttpServer()).post(`${url}/reopen`).set(as('managerKempen')).expect(422);
    expect(refused.body.code).toBe('ALERT.NOT_REOPENABLE');
  });

  it('pages through every unresolved alert of an organisation with the total, filtered and sorted, from the database', async () => {
    // 130 participants of one organisation of this file's own, each with one alert: every kind, three severities, raised 0–64 days before the service's
    // today; every tenth resolved, every tenth after that snoozed.
    const bulk = `org-bulk-${suffix}`;
    const writer = app.get(AlertWriter);
    const statusOf = (i: number): AlertStatus => (i % 10 === 0 ? 'RESOLVED' : i % 10 === 1 ? 'SNOOZED' : 'OPEN');
    for (let i = 0; i < 130; i++) {
      const raisedAt = `${daysAgo(i % 65)}T10:00:00.000Z`;
      const alert: Alert = {
        id: randomUUID(),
        kind: ALERT_KINDS[i % ALERT_KINDS.length],
        severity: ALERT_SEVERITIES[i % 3],
        status: statusOf(i),
        raisedAt,
        lastSeenAt: raisedAt,
        snoozedUntil: statusOf(i) === 'SNOOZED' ? daysAgo(-10) : null,
        snoozeReason: statusOf(i) === 'SNOOZED' ? 'Op verlof' : null,
        resolvedAt: statusOf(i) === 'RESOLVED' ? raisedAt : null,
        resolution: statusOf(i) === 'RESOLVED' ? 'MANUAL' : null,
        openGapIds: [],
        facts: {},
        history: [],
      };
      const state = { participantId: randomUUID(), organisationId: bulk, regionId: kempen, alerts: [alert] };
      // Stored the one way alerts are stored, so the inbox read model hears of it as it would.
      await writer.write({
        participantId: state.participantId,
        eventId: null,
        decide: () => ({ state, facts: [], changes: [{ type: 'RAISED', alert }] }),
      });
    }
    const list = (query: string) =>
      request(app.getHttpServer()).get(`/alerts?organisationId=${bulk}&${query}`).set(as('managerKempen')).expect(200);
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
    const gentManager = await request(app.getHttpServer())
      .get(`/alerts?organisationId=${bulk}`)
      .set(as('managerGent'))
      .expect(200);
    expect(gentManager.body).toEqual({ items: [], total: 0 });
    const herentalsStaff = await request(app.getHttpServer())
      .get(`/alerts?organisationId=${bulk}`)
      .set(as('herentals'))
      .expect(200);
    expect(herentalsStaff.body).toEqual({ items: [], total: 0 });
    const bad = await request(app.getHttpServer())
      .get('/alerts?status=OPEN,GONE&sort=loudest')
      .set(as('managerKempen'))
      .expect(400);
    expect(bad.body.code).toBe('REQUEST.INVALID');
  });

  it('builds the inbox once from alerts stored before it existed (an upgrade)', async () => {
    // Alerts written straight into participant_alerts, as before the inbox read model existed.
    const upgraded = `org-upgraded-${suffix}`;
    const repository = app.get<symbol, AlertRepository>(ALERT_REPOSITORY);
    for (const severity of ALERT_SEVERITIES) {
      const raisedAt = `${daysAgo(3)}T10:00:00.000Z`;
      const alert: Alert = {
        id: randomUUID(),
        kind: 'FOLLOW_UP_DUE',
        severity,
        status: 'OPEN',
        raisedAt,
        lastSeenAt: raisedAt,
        snoozedUntil: null,
        snoozeReason: null,
        resolvedAt: null,
        resolution: null,
        openGapIds: [],
        facts: {},
        history: [],
      };
      const state = { participantId: randomUUID(), organisationId: upgraded, regionId: kempen, alerts: [alert] };
      expect(await repository.insert(state, [], null)).toBe(true);
    }
    const listed = async () =>
      (
        await request(app.getHttpServer())
          .get(`/alerts?organisationId=${upgraded}&sort=severity`)
          .set(as('managerKempen'))
          .expect(200)
      ).body;
    expect((await listed()).total).toBe(0);

    // This app's own database: its inbox is built again as a first start after the upgrade would.
    const connection = app.get<Connection>(getConnectionToken());
    await connection.collection(ALERT_INBOX_COLLECTION).deleteOne({ _id: BUILT_MARKER } as never);
    await app.get(MongoAlertInbox).build();
    const rebuilt = await listed();
    expect([rebuilt.total, rebuilt.items.map((a: { severity: string }) => a.severity)]).toEqual([
      3,
      ['HIGH', 'MEDIUM', 'LOW'],
    ]);
  });

  it('streams changes live to the region’s manager and to no other region', async () => {
    const kempenStream = await openStream('managerKempen');
    const gentStream = await openStream('managerGent');
    try {
      const inKempen = randomUUID();
      await sendRaw(TOPICS.hours, [flagged(inKempen, monthsAgo(2), 'MEDIUM')]);
      await eventually(
        async () => kempenStream.events,
        (events) => events.some((e) => e.type === 'RAISED' && e.data.participantId === inKempen),
        { what: 'the raise on the Kempen manager’s stream' },
      );

      // A Gent alert afterwards: the server writes to one stream in order, so once Gent's own
      // alert has arrived, the Kempen one would have arrived before it, had it been sent.
      const inGent = randomUUID();
      await sendRaw(TOPICS.hours, [
        flagged(inGent, monthsAgo(2), 'MEDIUM', { organisationId: `org-gent-${suffix}`, regionId: gent }),
      ]);
      await eventually(
        async () => gentStream.events,
        (events) => events.some((e) => e.data.participantId === inGent),
        { what: 'the raise on the Gent manager’s stream' },
      );
      expect(gentStream.events.map((e) => e.data.participantId)).not.toContain(inKempen);
      expect(kempenStream.events.map((e) => e.data.participantId)).not.toContain(inGent);
    } finally {
      kempenStream.close();
      gentStream.close();
    }
  });

  it('repairs the inbox of an alert whose writer died between the alert and its inbox entry', async () => {
    const organisationId = `org-crash-${suffix}`;
    const participantId = randomUUID();
    const inbox = app.get(MongoAlertInbox);
    const repository = app.get<symbol, AlertRepository>(ALERT_REPOSITORY);
    const raisedAt = `${daysAgo(1)}T10:00:00.000Z`;
    const alert: Alert = {
      id: randomUUID(),
      kind: 'LOW_HOURS',
      severity: 'HIGH',
      status: 'OPEN',
      raisedAt,
      lastSeenAt: raisedAt,
      snoozedUntil: null,
      snoozeReason: null,
      resolvedAt: null,
      resolution: null,
      openGapIds: [],
      facts: {},
      history: [],
    };
    // What the writer does before its write, then the write, then the process dies: no sync.
    await inbox.willChange(participantId, 0);
    expect(
      await repository.insert({ participantId, organisationId, regionId: kempen, alerts: [alert] }, [], null),
    ).toBe(true);
    const listed = async () =>
      (
        await request(app.getHttpServer())
          .get(`/alerts?organisationId=${organisationId}`)
          .set(as('managerKempen'))
          .expect(200)
      ).body as { total: number; items: Array<{ id: string; participantId: string }> };
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

  it('keeps every change of one participant when two instances write its alerts at once (version claims)', async () => {
    const participantId = randomUUID();
    const organisationId = `org-two-${suffix}`;
    const guard = app.get<symbol, WriteGuard>(WRITE_GUARD);
    const connection = app.get<Connection>(getConnectionToken());
    // A second instance: its own in-process lock, the same database.
    const secondGuard: WriteGuard = { ...guard, lock: new KeyedLock() };
    const secondLock = secondGuard.lock;
    const second = new AlertWriter(
      new MongoAlertRepository(connection, secondGuard),
      new AlertFeed(),
      undefined,
      (key, work) => secondLock.run(key, work),
      app.get(MongoAlertInbox),
    );
    const clock = app.get<symbol, Clock>(CLOCK);
    const handlers = [
      new RecordAlertCauseHandler(app.get(AlertWriter), clock),
      new RecordAlertCauseHandler(second, clock),
    ];
    await app
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
    const stored = await app.get<symbol, AlertRepository>(ALERT_REPOSITORY).load(participantId);
    // One alert, raised once and updated 19 times, every event recorded once.
    expect([
      stored?.state.alerts.length,
      stored?.state.alerts[0].history.length,
      stored?.appliedEventIds.length,
    ]).toEqual([1, 20, 20]);
  });
});
