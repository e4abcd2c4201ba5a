import type { INestApplication } from '@nestjs/common';
import { ALL_TOPICS } from '@stapsteen/contracts';
import { createTestKeyPair, eventually, mintToken, publishParticipant, testToday } from '@stapsteen/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';
import {
  DatabasePart,
  FaultStack,
  ServiceProcess,
  callApi,
  startFaultStack,
  startServiceProcess,
} from './support/db-faults-stack';

/**
 * The database stops (FerretDB killed, or the PostgreSQL under it): every API answers
 * 503 SERVICE.DATABASE_UNAVAILABLE with Retry-After within 2 s, never a 500 or a hang; what was
 * stored before is intact afterwards; the consumers wait for the database however long it is away
 * (longer than their retry budget for a failure that may pass, which is set to 0.3 s here) instead
 * of dead-lettering, and the outbox relay carries on by itself: nothing lost, nothing applied twice.
 */
const ANSWER_WITHIN_MS = 2000;
const suffix = randomUUID().slice(0, 8);
const region = `region-${suffix}`;
const organisation = `org-${suffix}`;
const today = testToday();
const year = Number(today.slice(0, 4));
/** A short retry budget: an outage of a few seconds outlasts it many times over. */
const SHORT_RETRIES = { CONSUMER_RETRY_ATTEMPTS: '3', CONSUMER_RETRY_BASE_MS: '100', CONSUMER_RETRY_MAX_MS: '200' };

/** Figures for the report: how often each fault was injected and what was checked. */
const tally = { injected: 0, apiChecks: 0, eventsDuringOutage: 0, slowestMs: {} as Record<string, number> };

describe('database outage', () => {
  const keys = createTestKeyPair();
  let stack: FaultStack;
  let flowThrough: ServiceProcess;
  let hours: ServiceProcess;
  let coaching: ServiceProcess;
  let gateway: INestApplication;
  let gatewayUrl: string;
  let admin: string;
  let organiser: string;
  /** A token of a user in the gateway's own database, whose `/api/me` reads it. */
  let gatewayUser: string;
  const enrolled: string[] = [];

  const organiserCall = (service: ServiceProcess, method: string, route: string, body?: unknown) =>
    callApi(service.url, method, route, organiser, body, 10_000);

  async function enrol(firstName: string): Promise<string> {
    const response = await organiserCall(flowThrough, 'POST', '/participants', {
      organisationId: organisation,
      firstName,
      lastName: 'Peeters',
      dateOfBirth: '1987-04-12',
      referralSource: 'VDAB',
    });
    expect(response.status).toBe(201);
    const id = response.body.id as string;
    const started = await organiserCall(flowThrough, 'POST', `/participants/${id}/trajectory/start`, { on: today });
    expect(started.status).toBe(200);
    return id;
  }

  /** The participants in a service's roster whose trajectory it knows of. */
  async function rosterIds(service: ServiceProcess): Promise<string[]> {
    const response = await organiserCall(service, 'GET', '/participants');
    if (response.status !== 200) throw new Error(`${service.name} roster: ${response.status}`);
    return (response.body as Array<{ participantId: string; trajectories?: unknown[] }>)
      .filter((row) => service.name !== 'hours' || (row.trajectories ?? []).length > 0)
      .map((row) => row.participantId);
  }

  async function hoursOf(participantId: string): Promise<number> {
    const response = await organiserCall(hours, 'GET', `/participants/${participantId}/hours?year=${year}`);
    if (response.status !== 200) throw new Error(`hours of ${participantId}: ${response.status}`);
    return (response.body.months as Array<{ prestations: Array<{ minutes: number }> }>)
      .flatMap((month) => month.prestations)
      .reduce((sum, prestation) => sum + prestation.minutes, 0);
  }

  async function prestation(participantId: string, minutes: number) {
    return organiserCall(hours, 'POST', '/prestations', {
      participantId,
      date: today,
      minutes,
      gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
      activity: 'Middagtoezicht',
    });
  }

  async function deadLetterCount(): Promise<number> {
    const kafka = new Kafka({
      clientId: 'faults-dlt',
      brokers: stack.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    try {
      let total = 0;
      for (const topic of ALL_TOPICS.filter((name) => name.endsWith('.dlt'))) {
        for (const partition of await kafkaAdmin.fetchTopicOffsets(topic)) total += Number(partition.high);
      }
      return total;
    } finally {
      await kafkaAdmin.disconnect();
    }
  }

  async function consumerRetries(service: ServiceProcess): Promise<number> {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('stapsteen_consumer_retries_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  beforeAll(async () => {
    stack = await startFaultStack('db-outage');
    [flowThrough, hours, coaching] = await Promise.all([
      startServiceProcess('flow-through', keys.publicKeyPem, SHORT_RETRIES),
      startServiceProcess('hours', keys.publicKeyPem, SHORT_RETRIES),
      startServiceProcess('coaching', keys.publicKeyPem, SHORT_RETRIES),
    ]);
    gateway = await createGatewayApp(
      testGatewayConfig(keys, { HOURS_URL: hours.url, FLOW_THROUGH_URL: flowThrough.url, COACHING_URL: coaching.url }),
    );
    await gateway.listen(0, '127.0.0.1');
    gatewayUrl = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
    admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    organiser = await mintToken(keys.privateKeyPem, {
      sub: 'organiser',
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    const put = await callApi(flowThrough.url, 'PUT', '/organisations', admin, {
      id: organisation,
      name: `Wijk-werken ${suffix}`,
      kind: 'WIJK_WERK',
      regionId: region,
    });
    expect(put.status).toBe(200);
    const user = await callApi(gatewayUrl, 'POST', '/api/admin/users', admin, {
      email: `organisator-${suffix}@stapsteen.test`,
      displayName: 'Els Peeters',
      password: 'Een-Lang-Wachtwoord-2026',
      role: 'ORGANISER',
      organisationIds: [organisation],
      regionId: region,
    });
    expect(user.status).toBe(201);
    gatewayUser = await mintToken(keys.privateKeyPem, {
      sub: user.body.id,
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    expect((await callApi(gatewayUrl, 'GET', '/api/me', gatewayUser)).status).toBe(200);
    for (const name of ['Sofie', 'Ahmed', 'Nadia']) enrolled.push(await enrol(name));
    await eventually(
      () => rosterIds(hours),
      (ids) => enrolled.every((id) => ids.includes(id)),
      { what: 'the enrolled participants in the hours roster', timeoutMs: 60_000 },
    );
    for (const id of enrolled) {
      for (const minutes of [90, 45]) {
        const stored = await prestation(id, minutes);
        expect({ status: stored.status, body: stored.body }).toMatchObject({ status: 201 });
      }
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([flowThrough, hours, coaching].map((service) => service?.stop()));
    await stack?.down();
    process.stdout.write(`db-faults database outage: ${JSON.stringify(tally)}\n`);
  });

  /** One call per service and kind (read, write, the gateway's own database), twice each. */
  function callsDuringOutage(): Array<[string, () => Promise<Awaited<ReturnType<typeof callApi>>>]> {
    const id = enrolled[0];
    return [
      ['flow-through GET /participants/{id}', () => organiserCall(flowThrough, 'GET', `/participants/${id}`)],
      [
        'flow-through POST /participants',
        () =>
          organiserCall(flowThrough, 'POST', '/participants', {
            organisationId: organisation,
            firstName: 'Lotte',
            lastName: 'Claes',
            dateOfBirth: '1990-02-03',
            referralSource: 'OCMW',
          }),
      ],
      [
        'hours GET /participants/{id}/hours',
        () => organiserCall(hours, 'GET', `/participants/${id}/hours?year=${year}`),
      ],
      ['hours POST /prestations', () => prestation(id, 30)],
      [
        'coaching GET /participants/{id}/assessments',
        () => organiserCall(coaching, 'GET', `/participants/${id}/assessments`),
      ],
      ['coaching GET /participants', () => organiserCall(coaching, 'GET', '/participants')],
      // The gateway's own database: who is signed in is read from it (by _id).
      ['gateway GET /api/me', () => callApi(gatewayUrl, 'GET', '/api/me', gatewayUser, undefined, 10_000)],
    ];
  }

  it.each<[string, DatabasePart]>([
    ['FerretDB killed', 'ferretdb'],
    ['PostgreSQL under FerretDB killed', 'postgresql'],
  ])('%s: 503 with Retry-After within 2 s everywhere, then everything resumes by itself', async (_title, part) => {
    const totalsBefore = await Promise.all(enrolled.map(hoursOf));
    const deadLettersBefore = await deadLetterCount();
    const retriesBefore = await consumerRetries(hours);

    await stack.stopDatabase(part);
    tally.injected += 1;
    try {
      for (let round = 1; round <= 2; round++) {
        for (const [what, call] of callsDuringOutage()) {
          const response = await call();
          tally.apiChecks += 1;
          tally.slowestMs[what] = Math.max(tally.slowestMs[what] ?? 0, Math.round(response.ms));
          expect({ what, round, status: response.status, code: response.body?.code }).toEqual({
            what,
            round,
            status: 503,
            code: 'SERVICE.DATABASE_UNAVAILABLE',
          });
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
          expect({ what, fast: response.ms < ANSWER_WITHIN_MS }).toEqual({ what, fast: true });
        }
      }
      const ready = await callApi(hours.url, 'GET', '/health/ready', '', undefined, 10_000);
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(ANSWER_WITHIN_MS + 1000);

      // Events arrive while the database is away: the consumers must wait, not dead-letter them.
      const fed = [
        await publishParticipant({ organisationId: organisation, regionId: region, startedOn: today }),
        await publishParticipant({ organisationId: organisation, regionId: region, startedOn: today }),
      ];
      tally.eventsDuringOutage += fed.length * 2;
      // The outage outlasts the retry budget (3 attempts) several times over before it ends.
      await eventually(
        () => consumerRetries(hours),
        (retries) => retries >= retriesBefore + 6,
        { what: 'hours retrying the events while the database is away', timeoutMs: 60_000 },
      );
      expect(await deadLetterCount()).toBe(deadLettersBefore);

      await stack.startDatabase();

      for (const service of [hours, coaching]) {
        // Every participant, not only those fed during the outage: events are keyed by participant,
        // so an enrolment still waiting on another partition may arrive after the fed ones.
        const ids = await eventually(
          () => rosterIds(service),
          (rows) => [...enrolled, ...fed].every((id) => rows.includes(id)),
          { what: `every participant in ${service.name}'s roster after the outage`, timeoutMs: 90_000 },
        );
        for (const id of [...enrolled, ...fed]) expect(ids.filter((row) => row === id)).toHaveLength(1);
      }
      expect(await deadLetterCount()).toBe(deadLettersBefore);
      // What was stored before is intact: no prestation lost, none added by the refused write.
      expect(await Promise.all(enrolled.map(hoursOf))).toEqual(totalsBefore);

      // The outbox relay resumed: a new enrolment reaches hours through Kafka, and is writable there.
      const after = await eventually(
        () => enrol(`Na-${part}`),
        () => true,
        {
          what: 'an enrolment after the database returned',
          timeoutMs: 60_000,
        },
      );
      enrolled.push(after);
      await eventually(
        () => rosterIds(hours),
        (ids) => ids.includes(after),
        { what: 'the enrolment after the outage in the hours roster', timeoutMs: 60_000 },
      );
      expect((await prestation(after, 60)).status).toBe(201);
      expect(await hoursOf(after)).toBe(60);
      expect(await deadLetterCount()).toBe(deadLettersBefore);
    } finally {
      await stack.startDatabase();
    }
  });
});
