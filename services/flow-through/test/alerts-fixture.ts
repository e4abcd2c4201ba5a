import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Alert } from '../src/alerts/domain/alert';
import { FlowThroughFixture, fixtureIds, hoursMessage, startFlowThroughFixture } from './http-fixture';

/**
 * The set-up shared by the integration specs of manager alerts (services/flow-through/src/alerts/
 * alerts-*.int-spec.ts): flow-through on the run's Kafka and FerretDB, listening on a port of its own
 * (for the live stream), the callers of the flow-through fixture and one organiser of an
 * organisation of one test's own; the hours events that raise alerts; reading the inbox and the stream.
 * Call it inside the spec's describe: it starts the service before the spec's tests and closes it after.
 */
export function alertsFixture() {
  const ids = fixtureIds();
  const { suffix, kempen, neteland } = ids;
  /** An organisation of one test's own, so its open-alert counts are that test's alone. */
  const undoOrganisation = `org-undo-${suffix}`;
  let started: FlowThroughFixture | undefined;
  const app = (): INestApplication => {
    if (!started) throw new Error('The alerts fixture has not been started');
    return started.app;
  };

  async function start(): Promise<INestApplication> {
    started = await startFlowThroughFixture(ids, {
      undo: { sub: 'organiser-undo', role: 'ORGANISER', orgIds: [undoOrganisation], regionId: kempen },
    });
    await started.app.listen(0, '127.0.0.1');
    return started.app;
  }

  const as = (who: string) => {
    if (!started) throw new Error('The alerts fixture has not been started');
    return started.as(who);
  };

  const hoursEvent = (
    type: string,
    participantId: string,
    data: object,
    scope = { organisationId: neteland, regionId: kempen },
  ) => hoursMessage(type, participantId, { participantId, ...scope, ...data });

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
    const response = await request(app().getHttpServer())
      .get('/alerts?kind=LOW_HOURS&status=OPEN,ACKNOWLEDGED,SNOOZED,RESOLVED&limit=500')
      .set(as(who))
      .expect(200);
    return (response.body.items as Array<{ id: string; participantId: string }>).filter(
      (a) => a.participantId === participantId,
    );
  };

  /** Opens the live stream as a screen would and collects its events until closed. */
  const openStream = async (who: string) => {
    const { port } = app().getHttpServer().address() as AddressInfo;
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

  beforeAll(start);
  afterAll(() => started?.close());

  return {
    ids,
    suffix,
    undoOrganisation,
    app,
    http: () => request(app().getHttpServer()),
    as,
    hoursEvent,
    flagged,
    lowHoursAlertsOf,
    openStream,
  };
}

/**
 * An alert as the repository stores it, raised at `raisedAt` and open unless `changes` say
 * otherwise: for specs that write alerts straight into the store.
 */
export function storedAlert(raisedAt: string, changes: Partial<Alert> = {}): Alert {
  return {
    id: randomUUID(),
    kind: 'LOW_HOURS',
    severity: 'MEDIUM',
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
    ...changes,
  };
}
