import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { ALL_TOPICS } from '@stapsteen/contracts';
import { createTestKeyPair, eventually, mintToken, startTestService } from '@stapsteen/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Connection } from 'mongoose';
import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';
import { BODY_OMIT, catalogueOf, findId, importFile, monthsAgo, ratedAtLevel4, substituteExamples } from './fixtures';
import { type OpenApiDocument, type Operation, exampleBody, operationsOf } from './openapi';

/**
 * Every documented endpoint of flow-through, hours, coaching and the gateway's own API that takes a date, a month or an id
 * — in its path, its query or its body, found in the OpenAPI documents so a later endpoint is walked
 * too — is called by an admin with impossible values in that one place and real, valid values
 * everywhere else. Each call must answer 400 with a `REQUEST.INVALID` problem naming the field, and
 * afterwards no service database holds anything new or changed and no Kafka topic (dead-letter
 * topics included) has a message more.
 */

jest.setTimeout(300_000);

const IMPOSSIBLE_DATES = ['2026-02-31', '2026-13', '2026-00-10', '0000-01-01'];
const LONG_ID = 'x'.repeat(10_000);
const IMPOSSIBLE_INSTANTS = IMPOSSIBLE_DATES.map((date) => `${date.padEnd(10, '-01')}T10:00:00+01:00`);

type Kind = 'date' | 'instant' | 'id';

/** Path and query parameters that carry a date, a month (or year) or an id. */
function parameterKind(name: string): Kind | undefined {
  if (/^(month|year|from|to|until|since|on|date)$|On$/.test(name)) return 'date';
  if (/^id$|Id$/.test(name)) return 'id';
  return undefined;
}

/** Body fields that carry one: by name, or by an example that looks like a date or a month. */
function fieldKind(key: string, value: unknown): Kind | undefined {
  // A nullable field (`doneOn: null`, `coachId: null`) is walked by its name.
  if (value === null) return parameterKind(key);
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return 'instant';
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(value)) return 'date';
  return parameterKind(key) ?? (/Ids$/.test(key) ? 'id' : undefined);
}

const valuesFor = (kind: Kind) =>
  kind === 'date' ? [...IMPOSSIBLE_DATES, LONG_ID] : kind === 'instant' ? [...IMPOSSIBLE_INSTANTS, LONG_ID] : [LONG_ID];

interface Slot {
  where: 'path' | 'query' | 'body';
  /** The parameter or the body field's path, e.g. `ratings.0.competencyCode`. */
  name: string;
  kind: Kind;
}

function bodySlots(value: unknown, prefix: string[] = [], key = ''): { path: string[]; kind: Kind }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => bodySlots(item, [...prefix, String(i)], key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => bodySlots(v, [...prefix, k], k));
  const kind = fieldKind(key, value);
  return kind ? [{ path: prefix, kind }] : [];
}

function withValue(body: unknown, path: string[], value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let target = copy as Record<string, unknown>;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string, unknown>;
  target[path[path.length - 1]] = value;
  return copy;
}

/** …and the other alternative, walked as well: a prestation given by its start time. */
const BODY_ALTERNATIVES: Record<string, string[]> = {
  PrestationsController_record: ['date'],
  PrestationsController_correct: ['date'],
};

type Walked = Operation & { omit?: string[] };

/**
 * The fixtures start before February 2026, so an impossible date such as 2026-02-31 comes after
 * every earlier step and is the only thing wrong with a call.
 */
const ENROLLED_ON = '2026-01-05';

const FIRST_STEPS = ['TrajectoryController_intake', 'TrajectoryController_start', 'TrajectoryController_dropOff'];

describe('impossible dates, months and ids: refused at every documented endpoint, nothing stored, nothing published', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region = `region-walk-${suffix}`;
  const org = `org-walk-${suffix}`;
  const coach = `coach-walk-${suffix}`;
  const start = monthsAgo(2);
  const worked = monthsAgo(1);
  const apps: Record<string, INestApplication> = {};
  const documents: Record<string, OpenApiDocument> = {};
  const ids: Record<string, string> = {};
  let admin = '';
  /** The gateway's own API wants a signed-in account, not only a token. */
  let gatewayAdmin = '';
  const gatewayCredentials = { email: `admin-${suffix}@stapsteen.test`, password: 'bootstrap admin passphrase' };
  const http = (service: string) => request(apps[service].getHttpServer());
  const bearer = (service = '') => ({ Authorization: `Bearer ${service === 'gateway' ? gatewayAdmin : admin}` });

  async function enrol(firstName: string, started: boolean): Promise<string> {
    const enrolled = await http('flow-through')
      .post('/participants')
      .set(bearer())
      .send({
        organisationId: org,
        firstName,
        lastName: 'Walk',
        dateOfBirth: '1985-03-14',
        referralSource: 'VDAB',
        coachId: coach,
        monthlyHoursTarget: 20,
        enrolledOn: ENROLLED_ON,
      })
      .expect(201);
    const id = enrolled.body.id as string;
    if (started)
      await http('flow-through')
        .post(`/participants/${id}/trajectory/start`)
        .set(bearer())
        .send({ on: ENROLLED_ON })
        .expect(200);
    return id;
  }

  const substitute = (value: unknown) =>
    substituteExamples(value, {
      organisationId: org,
      regionId: region,
      coachId: coach,
      participant: ids.participant,
      peer: ids.peer,
      competencyCodes: ids.competencyCodes,
      more: { organisationIds: org },
    });

  function pathParam(operation: Operation, name: string): string {
    const byName: Record<string, string | undefined> = {
      participantId: ids.participant,
      organisationId: org,
      coachId: coach,
      year: worked.month.slice(0, 4),
      month: worked.month,
      prestationId: ids.prestation,
      referralId: ids.referral,
      version: ids.catalogueVersion,
      kind: 'LOW_HOURS',
    };
    const byResource: Record<string, string | undefined> = {
      participants: ids.participant,
      imports: ids.import,
      'group-sessions': ids.groupSession,
      'one-on-ones': ids.oneOnOne,
      'peer-pairs': ids.peerPair,
    };
    // A trajectory's first steps are addressed to a participant still at REFERRED, so that the
    // date is the only thing wrong with the call.
    if (name === 'id' && FIRST_STEPS.includes(operation.operationId)) return ids.referred;
    if (name === 'id' && operation.service === 'gateway') return ids.user;
    const value = name === 'id' ? byResource[operation.path.split('/')[1]] : byName[name];
    if (!value) throw new Error(`${operation.operationId}: no fixture for path parameter {${name}}`);
    return value;
  }

  const queryValues: () => Record<string, string> = () => ({
    organisationId: org,
    participantId: ids.participant,
    coachId: coach,
    regionId: region,
    year: worked.month.slice(0, 4),
    from: start.month,
    to: worked.month,
    month: worked.month,
  });

  function slotsOf(operation: Walked): Slot[] {
    const slots: Slot[] = [];
    for (const name of operation.pathParams) {
      const kind = parameterKind(name);
      if (kind) slots.push({ where: 'path', name, kind });
    }
    for (const { name } of operation.queryParams) {
      const kind = parameterKind(name);
      if (kind) slots.push({ where: 'query', name, kind });
    }
    if (operation.contentType === 'multipart/form-data')
      slots.push({ where: 'body', name: 'organisationId', kind: 'id' });
    else if (operation.bodySchema)
      for (const { path, kind } of bodySlots(bodyOf(operation)))
        slots.push({ where: 'body', name: path.join('.'), kind });
    return slots;
  }

  function bodyOf(operation: Walked): unknown {
    const body = substitute(exampleBody(documents[operation.service], operation.bodySchema!, operation.operationId));
    for (const field of operation.omit ?? BODY_OMIT[operation.operationId] ?? [])
      delete (body as Record<string, unknown>)[field];
    return body;
  }

  async function call(operation: Walked, slot: Slot, value: string): Promise<request.Response> {
    let path = operation.path;
    for (const name of operation.pathParams) {
      const given = slot.where === 'path' && slot.name === name ? value : pathParam(operation, name);
      path = path.replace(`{${name}}`, encodeURIComponent(given));
    }
    const query: Record<string, string> = {};
    for (const { name, required } of operation.queryParams) {
      if (slot.where === 'query' && slot.name === name) query[name] = value;
      else if (required) query[name] = queryValues()[name];
    }
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const pending = http(operation.service)[method](path).query(query).set(bearer(operation.service));
    try {
      if (operation.contentType === 'multipart/form-data')
        return await pending
          .field('organisationId', slot.where === 'body' ? value : org)
          .attach('file', importFile(ids.participant, worked.day(5), 30), 'import.csv');
      if (operation.bodySchema) {
        const body = bodyOf(operation);
        return await pending.send(
          (slot.where === 'body' ? withValue(body, slot.name.split('.'), value) : body) as object,
        );
      }
      return await pending;
    } catch (error) {
      const response = (error as { response?: request.Response }).response;
      if (response) return response;
      throw error;
    }
  }

  /** Every document of every collection of the three services, as one fingerprint per collection. */
  async function stored(): Promise<Record<string, string>> {
    const prints: Record<string, string> = {};
    for (const [service, app] of Object.entries(apps)) {
      const db = app.get<Connection>(getConnectionToken()).db!;
      for (const { name } of await db.listCollections().toArray()) {
        const docs = await db.collection(name).find({}).toArray();
        const text = docs
          .map((doc) => JSON.stringify(doc))
          .sort()
          .join('\n');
        prints[`${service}.${name}`] = `${docs.length}:${createHash('sha256').update(text).digest('hex')}`;
      }
    }
    return prints;
  }

  /** The end offset of every partition of every topic and dead-letter topic. */
  async function published(): Promise<Record<string, string>> {
    const admin = new Kafka({
      clientId: 'walk-probe',
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const offsets: Record<string, string> = {};
      for (const topic of ALL_TOPICS.filter((t) => existing.has(t)))
        offsets[topic] = (await admin.fetchTopicOffsets(topic))
          .map((p) => `${p.partition}:${p.high}`)
          .sort()
          .join(',');
      return offsets;
    } finally {
      await admin.disconnect();
    }
  }

  /** Stored data and topics stop moving once the fixtures' events have been projected everywhere. */
  async function settled(): Promise<{ data: Record<string, string>; topics: Record<string, string> }> {
    let previous = '';
    const snapshot = await eventually(
      async () => ({ data: await stored(), topics: await published() }),
      (now) => {
        const text = JSON.stringify(now);
        const same = text === previous;
        previous = text;
        return same;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'the services to settle after the fixtures' },
    );
    return snapshot;
  }

  beforeAll(async () => {
    const [flowThrough, hours, coaching, gateway] = await Promise.all([
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem),
      createGatewayApp(
        testGatewayConfig(keys, {
          GATEWAY_BOOTSTRAP_ADMIN_EMAIL: gatewayCredentials.email,
          GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: gatewayCredentials.password,
        }),
      ),
    ]);
    await gateway.init();
    Object.assign(apps, { 'flow-through': flowThrough, hours, coaching, gateway });
    for (const service of Object.keys(apps))
      documents[service] = (await http(service).get('/docs-json').expect(200)).body as OpenApiDocument;
    admin = await mintToken(keys.privateKeyPem, { sub: `admin-${suffix}`, role: 'ADMIN', orgIds: [], regionId: null });

    gatewayAdmin = (await http('gateway').post('/api/auth/token').send(gatewayCredentials).expect(200)).body
      .accessToken;
    ids.user = (
      await http('gateway')
        .post('/api/admin/users')
        .set(bearer('gateway'))
        .send({
          email: `target-${suffix}@stapsteen.test`,
          displayName: 'Walk target',
          password: 'a long enough password',
          role: 'ORGANISER',
          organisationIds: [org],
          regionId: null,
        })
        .expect(201)
    ).body.id;

    // Real records, so that each call is valid but for its one impossible value.
    await http('flow-through')
      .put('/organisations')
      .set(bearer())
      .send({ id: org, name: `Wijk-werken ${org}`, kind: 'WIJK_WERK', regionId: region })
      .expect(200);
    await http('flow-through')
      .put('/organisations')
      .set(bearer())
      .send({ id: 'org-vdab-kempen', name: 'VDAB Kempen', kind: 'VDAB', regionId: region })
      .expect(200);
    ids.participant = await enrol('Anna', true);
    ids.peer = await enrol('Bram', true);
    ids.referred = await enrol('Cato', false);
    for (const service of ['hours', 'coaching'])
      for (const id of [ids.participant, ids.peer, ids.referred])
        await eventually(
          () => http(service).get('/participants').set(bearer()),
          (r) => r.status === 200 && JSON.stringify(r.body).includes(id),
          { what: `participant ${id} in the ${service} roster` },
        );
    const planned = await http('flow-through')
      .post(`/participants/${ids.participant}/trajectory/referrals`)
      .set(bearer())
      .send({ partnerOrganisationId: 'org-vdab-kempen', purpose: 'Screening arbeidsbeperking', sentOn: ENROLLED_ON })
      .expect(201);
    ids.referral = planned.body.referrals[0].id;
    const prestation = await http('hours')
      .post('/prestations')
      .set(bearer())
      .send({
        participantId: ids.participant,
        date: worked.day(3),
        minutes: 120,
        gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Fam. Peeters' },
        activity: 'Tuinonderhoud',
      })
      .expect(201);
    ids.prestation = findId(prestation.body, ['prestationId', 'id'])!;
    expect(typeof ids.prestation).toBe('string');
    const imported = await http('hours')
      .post('/imports')
      .set(bearer())
      .field('organisationId', org)
      .attach('file', importFile(ids.participant, worked.day(4), 60), 'import.csv')
      .expect(202);
    ids.import = imported.body.id;
    await eventually(
      () => http('hours').get(`/imports/${ids.import}`).set(bearer()),
      (r) => r.status === 200 && r.body.status !== 'RUNNING',
      { what: 'the import to finish' },
    );
    const catalogue = await http('coaching').get(`/organisations/${org}/catalogue`).set(bearer()).expect(200);
    const { version, codes } = catalogueOf(catalogue.body);
    ids.catalogueVersion = version;
    ids.competencyCodes = JSON.stringify(codes);
    await http('coaching')
      .post(`/participants/${ids.peer}/assessments`)
      .set(bearer())
      .send(ratedAtLevel4(codes, worked.day(2)))
      .expect(201);
    const session = await http('coaching')
      .post('/group-sessions')
      .set(bearer())
      .send(
        substitute(
          exampleBody(documents.coaching, { $ref: '#/components/schemas/PlanGroupSessionRequest' }, 'x'),
        ) as object,
      )
      .expect(201);
    ids.groupSession = session.body.id;
    const oneOnOne = await http('coaching')
      .post('/one-on-ones')
      .set(bearer())
      .send({ participantId: ids.participant, coachId: coach, competencyCodes: codes })
      .expect(201);
    ids.oneOnOne = oneOnOne.body.id;
    const pair = await http('coaching')
      .post('/peer-pairs')
      .set(bearer())
      .send(substitute(exampleBody(documents.coaching, { $ref: '#/components/schemas/PairRequest' }, 'x')) as object)
      .expect(201);
    ids.peerPair = pair.body.id;
  });

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
  });

  it('answers 400 REQUEST.INVALID naming the field to every impossible date, month and id, and neither stores nor publishes anything', async () => {
    const operations: Walked[] = Object.keys(apps)
      .flatMap((service) => operationsOf(service, documents[service]))
      .flatMap((operation) => {
        const omit = BODY_ALTERNATIVES[operation.operationId];
        return omit ? [operation, { ...operation, omit }] : [operation];
      });
    const cases = operations
      .filter((operation) => !operation.path.endsWith('/stream'))
      .flatMap((operation) =>
        slotsOf(operation).flatMap((slot) => valuesFor(slot.kind).map((value) => ({ operation, slot, value }))),
      );
    const walked = new Set(cases.map((c) => c.operation.operationId));
    // The walk reaches the endpoints named in the issue, and most of the API.
    expect([...walked]).toEqual(
      expect.arrayContaining([
        'TrajectoryController_start',
        'PrestationsController_record',
        'MonthCloseController_close',
        'ParticipantsController_create',
        'GroupSessionsController_plan',
        'UsersController_update',
      ]),
    );
    expect(walked.size).toBeGreaterThan(50);
    expect(cases.filter((c) => c.slot.name === 'startsAt').map((c) => c.operation.operationId)).toContain(
      'PrestationsController_record',
    );

    const before = await settled();
    const failures: string[] = [];
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { operation, slot, value } = next;
          const response = await call(operation, slot, value);
          const shown = value.length > 20 ? `${value.length} characters` : value;
          const body = response.body as { code?: unknown };
          const field = slot.name.split('.').pop()!;
          if (
            response.status !== 400 ||
            !String(response.headers['content-type']).startsWith('application/problem+json') ||
            body.code !== 'REQUEST.INVALID' ||
            !JSON.stringify(body).includes(field)
          )
            failures.push(
              `${operation.operationId} ${slot.where} ${slot.name}=${shown} → ${response.status} ${JSON.stringify(body).slice(0, 160)}`,
            );
        }
      }),
    );
    const after = { data: await stored(), topics: await published() };

    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(300);
    const changed = (a: Record<string, string>, b: Record<string, string>) =>
      [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
    expect(changed(before.data, after.data)).toEqual([]);
    expect(changed(before.topics, after.topics)).toEqual([]);
  });
});
