import type { INestApplication } from '@nestjs/common';
import { ROLES, type Role } from '@stapsteen/auth';
import { createTestKeyPair, eventually, mintToken, startTestService } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { BODY_OMIT, catalogueOf, findId, importFile, monthsAgo, ratedAtLevel4, substituteExamples } from './fixtures';
import { type OpenApiDocument, type Operation, exampleBody, operationsOf } from './openapi';
import { type RouteAccess, routeAccess } from './route-roles';

/**
 * Every HTTP endpoint of flow-through, hours and coaching — taken from their OpenAPI documents, so
 * an endpoint added later is covered without touching this file — called with no token, an
 * expired token, and each role scoped to organisation A (in scope), organisation B (same region)
 * and region 2, against organisation A's real records.
 */

type Scope = 'ORG_A' | 'ORG_B' | 'REGION_2';
const SCOPES: Scope[] = ['ORG_A', 'ORG_B', 'REGION_2'];

/** Operations that destroy or close the fixtures they act on: they run last, in this order. */
const DESTRUCTIVE_LAST = [
  'PrestationsController_delete',
  'GroupSessionsController_cancel',
  'OneOnOnesController_end',
  'PeerCoachingController_end',
  'TrajectoryController_dropOff',
  'TrajectoryController_end',
  'ParticipantsController_erase',
];

jest.setTimeout(120_000);

/**
 * Path parameters that address a list the service filters to the caller's scope rather than one
 * record. An organisation is not one of them: a list addressed to an organisation outside the
 * caller's scope answers 404 like any other read.
 */
const LIST_PATH_PARAMS = ['coachId', 'month'];

/**
 * Reads whose 404 means "nothing recorded yet" for a fixture that exists (the code says so), not a
 * record hidden by a scope check, which answers the record's own not-found code.
 */
const NOT_FOUND_MEANS_NOTHING_RECORDED: Record<string, string> = {
  BarriersController_find: 'HOURS.BARRIERS_NOT_FOUND',
  // An export job belongs to whoever started it: the matrix addresses one nobody started.
  KpisController_pseudonymisedExport: 'KPI.EXPORT_NOT_FOUND',
  KpisController_pseudonymisedExportFile: 'KPI.EXPORT_NOT_FOUND',
};

describe('access matrix: every endpoint × role × scope', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region1 = `region-1-${suffix}`;
  const region2 = `region-2-${suffix}`;
  const orgA = `org-a-${suffix}`;
  const orgB = `org-b-${suffix}`;
  const orgC = `org-c-${suffix}`;
  const coachA = `coach-a-${suffix}`;
  const start = monthsAgo(2);
  const worked = monthsAgo(1);
  const apps: Record<string, INestApplication> = {};
  const documents: Record<string, OpenApiDocument> = {};
  const access: Record<string, Map<string, RouteAccess>> = {};
  const ids: Record<string, string> = {};
  let admin = '';
  const http = (service: string) => request(apps[service].getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const claimsFor = (role: Role, scope: Scope) => {
    if (role === 'ADMIN') return { sub: `admin-${suffix}`, role, orgIds: [], regionId: null };
    const [org, region] = scope === 'ORG_A' ? [orgA, region1] : scope === 'ORG_B' ? [orgB, region1] : [orgC, region2];
    if (role === 'REGIONAL_MANAGER') return { sub: `manager-${scope}-${suffix}`, role, orgIds: [], regionId: region };
    return {
      sub: role === 'COACH' && scope === 'ORG_A' ? coachA : `${role}-${scope}-${suffix}`,
      role,
      orgIds: [org],
      regionId: region,
    };
  };
  const tokens = new Map<string, string>();
  const tokenFor = (role: Role, scope: Scope) => tokens.get(`${role}/${scope}`)!;

  async function enrol(organisationId: string, firstName: string): Promise<string> {
    const enrolled = await http('flow-through')
      .post('/participants')
      .set(bearer(admin))
      .send({
        organisationId,
        firstName,
        lastName: 'Matrix',
        dateOfBirth: '1985-03-14',
        referralSource: 'VDAB',
        coachId: coachA,
        monthlyHoursTarget: 20,
        enrolledOn: start.day(1),
      })
      .expect(201);
    const id = enrolled.body.id as string;
    await http('flow-through')
      .post(`/participants/${id}/trajectory/start`)
      .set(bearer(admin))
      .send({ on: start.day(1) })
      .expect(200);
    return id;
  }

  const inRoster = (service: string, participantId: string) =>
    eventually(
      () => http(service).get('/participants').set(bearer(admin)),
      (r) => r.status === 200 && JSON.stringify(r.body).includes(participantId),
      { what: `participant ${participantId} in the ${service} roster` },
    );

  beforeAll(async () => {
    const [flowThrough, hours, coaching] = await Promise.all([
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem),
    ]);
    Object.assign(apps, { 'flow-through': flowThrough, hours, coaching });
    for (const service of Object.keys(apps)) {
      documents[service] = (await http(service).get('/docs-json').expect(200)).body as OpenApiDocument;
      access[service] = routeAccess(apps[service]);
    }
    admin = await mintToken(keys.privateKeyPem, claimsFor('ADMIN', 'ORG_A'));
    for (const role of ROLES)
      for (const scope of SCOPES)
        tokens.set(`${role}/${scope}`, await mintToken(keys.privateKeyPem, claimsFor(role, scope)));
    tokens.set('EXPIRED', await mintToken(keys.privateKeyPem, claimsFor('ADMIN', 'ORG_A'), { expiresInSeconds: -60 }));

    // Fixtures through the public APIs, as an admin.
    for (const [id, regionId] of [
      [orgA, region1],
      [orgB, region1],
      [orgC, region2],
    ])
      await http('flow-through')
        .put('/organisations')
        .set(bearer(admin))
        .send({ id, name: `Wijk-werken ${id}`, kind: 'WIJK_WERK', regionId })
        .expect(200);
    // The partner the flow-through plan's OpenAPI example refers participants to.
    await http('flow-through')
      .put('/organisations')
      .set(bearer(admin))
      .send({ id: 'org-vdab-kempen', name: 'VDAB Kempen', kind: 'VDAB', regionId: region1 })
      .expect(200);
    ids.participantA = await enrol(orgA, 'Anna');
    ids.participantA2 = await enrol(orgA, 'Bram');
    ids.participantC = await enrol(orgC, 'Cato');
    await Promise.all(
      ['hours', 'coaching'].flatMap((service) =>
        [ids.participantA, ids.participantA2, ids.participantC].map((id) => inRoster(service, id)),
      ),
    );
    const planned = await http('flow-through')
      .post(`/participants/${ids.participantA}/trajectory/referrals`)
      .set(bearer(admin))
      .send({ partnerOrganisationId: 'org-vdab-kempen', purpose: 'Screening arbeidsbeperking', sentOn: start.day(2) })
      .expect(201);
    ids.referral = planned.body.referrals[0].id;
    // A closed month without hours raises a LOW_HOURS alert in flow-through (the organisation flags
    // after one month below target instead of the default two).
    await http('hours')
      .put(`/organisations/${orgA}/hours-targets`)
      .set(bearer(admin))
      .send({ steps: [], flagAfterMonthsBelow: 1 })
      .expect(200);
    await http('hours').post(`/organisations/${orgA}/months/${start.month}/close`).set(bearer(admin)).expect(201);
    const prestation = await http('hours')
      .post('/prestations')
      .set(bearer(admin))
      .send({
        participantId: ids.participantA,
        date: worked.day(3),
        minutes: 120,
        gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Fam. Peeters' },
        activity: 'Tuinonderhoud',
      })
      .expect(201);
    ids.prestation = findId(prestation.body, ['prestationId', 'id']) ?? '';
    expect(ids.prestation).not.toBe('');
    const imported = await http('hours')
      .post('/imports')
      .set(bearer(admin))
      .field('organisationId', orgA)
      .attach('file', importFile(ids.participantA, worked.day(4), 60), 'import.csv')
      .expect(202);
    ids.import = imported.body.id;
    const catalogue = await http('coaching').get(`/organisations/${orgA}/catalogue`).set(bearer(admin)).expect(200);
    const { version, codes } = catalogueOf(catalogue.body);
    ids.catalogueVersion = version;
    ids.competencyCodes = JSON.stringify(codes);
    await http('coaching')
      .post(`/participants/${ids.participantA}/assessments`)
      .set(bearer(admin))
      .send({
        ...(exampleBody(documents.coaching, { $ref: '#/components/schemas/RecordAssessmentRequest' }, 'x') as object),
      });
    const session = await http('coaching')
      .post('/group-sessions')
      .set(bearer(admin))
      .send(
        substitute(
          exampleBody(documents.coaching, { $ref: '#/components/schemas/PlanGroupSessionRequest' }, 'x'),
        ) as object,
      )
      .expect(201);
    ids.groupSession = session.body.id;
    await http('coaching')
      .post(`/group-sessions/${ids.groupSession}/enrolments`)
      .set(bearer(admin))
      .send({ participantId: ids.participantA })
      .expect((r) => expect(r.status).toBeLessThan(300));
    const oneOnOne = await http('coaching')
      .post('/one-on-ones')
      .set(bearer(admin))
      .send({ participantId: ids.participantA, coachId: coachA, competencyCodes: codes })
      .expect(201);
    ids.oneOnOne = oneOnOne.body.id;
    // The peer coach must be rated at target on the competencies first.
    await http('coaching')
      .post(`/participants/${ids.participantA2}/assessments`)
      .set(bearer(admin))
      .send(ratedAtLevel4(codes, worked.day(2)))
      .expect(201);
    const pair = await http('coaching')
      .post('/peer-pairs')
      .set(bearer(admin))
      .send(substitute(exampleBody(documents.coaching, { $ref: '#/components/schemas/PairRequest' }, 'x')) as object)
      .expect(201);
    ids.peerPair = pair.body.id;
    await eventually(
      () => http('flow-through').get(`/alerts/${ids.participantA}/LOW_HOURS`).set(bearer(admin)),
      (r) => r.status === 200,
      { what: 'the LOW_HOURS alert of participant A' },
    );
  });

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
  });

  /** Example values in request bodies that name a record are replaced by organisation A's. */
  const substitute = (value: unknown) =>
    substituteExamples(value, {
      organisationId: orgA,
      regionId: region1,
      coachId: coachA,
      participant: ids.participantA,
      peer: ids.participantA2,
      competencyCodes: ids.competencyCodes,
    });

  function pathParam(operation: Operation, name: string): string | undefined {
    const resource = operation.path.split('/')[1];
    const byName: Record<string, string | undefined> = {
      participantId: ids.participantA,
      organisationId: orgA,
      coachId: coachA,
      year: worked.month.slice(0, 4),
      month: start.month,
      prestationId: ids.prestation,
      referralId: ids.referral,
      version: ids.catalogueVersion,
      kind: 'LOW_HOURS',
      exportId: '00000000-0000-4000-8000-000000000000',
    };
    if (name !== 'id') return byName[name];
    return {
      participants: ids.participantA,
      imports: ids.import,
      'group-sessions': ids.groupSession,
      'one-on-ones': ids.oneOnOne,
      'peer-pairs': ids.peerPair,
    }[resource];
  }

  const queryValues = (): Record<string, string> => ({
    organisationId: orgA,
    participantId: ids.participantA,
    coachId: coachA,
    year: worked.month.slice(0, 4),
    from: start.month,
    to: worked.month,
  });

  function requestFor(operation: Operation, token: string | undefined) {
    let path = operation.path;
    for (const name of operation.pathParams) {
      const value = pathParam(operation, name);
      if (!value) throw new Error(`${operation.operationId}: no fixture for path parameter {${name}}`);
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
    const query: Record<string, string> = {};
    for (const { name, required } of operation.queryParams) {
      const value = queryValues()[name];
      if (value) query[name] = value;
      else if (required) throw new Error(`${operation.operationId}: no fixture for query parameter ${name}`);
    }
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let call = http(operation.service)[method](path).query(query);
    if (token) call = call.set(bearer(token));
    if (operation.contentType === 'multipart/form-data') {
      return call
        .field('organisationId', orgA)
        .attach(
          'file',
          Buffer.from(
            `deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit\n${ids.participantA};${worked.day(5)};30;PRIVATE_PERSON;Fam. Peeters;Tuinonderhoud\n`,
          ),
          'import.csv',
        );
    }
    if (operation.bodySchema) {
      const body = substitute(exampleBody(documents[operation.service], operation.bodySchema, operation.operationId));
      for (const field of BODY_OMIT[operation.operationId] ?? []) delete (body as Record<string, unknown>)[field];
      return call.send(body as object);
    }
    // Server-sent events never end: the status line is what counts, so stop reading after it.
    if (operation.path.endsWith('/stream'))
      return call.buffer(true).parse((response, done) => {
        done(null, {});
        (response as unknown as { destroy(): void }).destroy();
      });
    return call;
  }

  const allOperations = () => Object.keys(apps).flatMap((service) => operationsOf(service, documents[service]));
  const rolesOf = (operation: Operation): Role[] => {
    const route = access[operation.service].get(`${operation.method} ${operation.path}`);
    if (!route)
      throw new Error(`${operation.operationId}: no controller route for ${operation.method} ${operation.path}`);
    return route.roles ?? [...ROLES];
  };
  const send = async (operation: Operation, token: string | undefined) => {
    try {
      return await requestFor(operation, token);
    } catch (error) {
      const response = (error as { response?: request.Response }).response;
      if (response) return response;
      throw error;
    }
  };
  const failures: string[] = [];
  const covered = { operations: 0, cases: 0 };

  it('finds the endpoints in the OpenAPI documents and a fixture for every parameter and body', () => {
    const operations = allOperations();
    const problems: string[] = [];
    for (const operation of operations) {
      try {
        rolesOf(operation);
        const pending = requestFor(operation, undefined);
        (pending as unknown as { abort?: () => void }).abort?.();
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    expect(problems).toEqual([]);
    expect(operations.length).toBeGreaterThan(60);
    covered.operations = operations.length;
  });

  it('refuses every endpoint without a token or with an expired one (401)', async () => {
    const results = await Promise.all(
      allOperations().flatMap((operation) =>
        [undefined, tokens.get('EXPIRED')].map(async (token) => {
          const response = await send(operation, token);
          covered.cases++;
          if (response.status !== 401)
            failures.push(`${operation.operationId} ${token ? 'expired token' : 'no token'} → ${response.status}`);
        }),
      ),
    );
    expect(results.length).toBeGreaterThan(0);
  });

  it('refuses roles the route does not allow and keeps every role out of organisation A from another scope', async () => {
    const orgAIds = () => [
      ids.participantA,
      ids.participantA2,
      ids.prestation,
      ids.groupSession,
      ids.oneOnOne,
      ids.peerPair,
    ];
    await Promise.all(
      allOperations().flatMap((operation) =>
        ROLES.flatMap((role) =>
          SCOPES.map(async (scope) => {
            const allowed = rolesOf(operation).includes(role);
            if (allowed && (scope === 'ORG_A' || role === 'ADMIN')) return; // in scope: phase 3
            if (allowed && role === 'REGIONAL_MANAGER' && scope === 'ORG_B') return; // same region: in scope
            const response = await send(operation, tokenFor(role, scope));
            covered.cases++;
            const label = `${operation.operationId} as ${role}@${scope}`;
            if (!allowed) {
              if (response.status !== 403 || response.body?.code !== 'AUTH.ROLE_FORBIDDEN')
                failures.push(
                  `${label}: expected 403 AUTH.ROLE_FORBIDDEN, got ${response.status} ${response.body?.code ?? ''}`,
                );
              return;
            }
            if (response.status === 403 || response.status === 404) return;
            // Lists (also those addressed to an organisation or coach) may answer 200, filtered to the caller.
            const isList =
              operation.method === 'GET' && operation.pathParams.every((name) => LIST_PATH_PARAMS.includes(name));
            if (isList && response.status === 200) {
              const text = JSON.stringify(response.body ?? {});
              const leaked = orgAIds().filter((id) => id && text.includes(id));
              if (leaked.length) failures.push(`${label}: list shows organisation A's records ${leaked.join(', ')}`);
              return;
            }
            failures.push(
              `${label}: expected 403/404 out of scope, got ${response.status} ${response.body?.code ?? ''}`,
            );
          }),
        ),
      ),
    );
  });

  it('lets every allowed role in scope through (not refused for auth reasons)', async () => {
    const operations = allOperations();
    const rank = (operation: Operation) =>
      DESTRUCTIVE_LAST.includes(operation.operationId)
        ? 2 + DESTRUCTIVE_LAST.indexOf(operation.operationId)
        : operation.method === 'GET'
          ? 0
          : 1;
    const ordered = [...operations].sort((a, b) => rank(a) - rank(b));
    // Reads side by side; writes one after another, so a write never races the next one's fixture.
    for (const group of [ordered.filter((o) => rank(o) === 0), ...ordered.filter((o) => rank(o) > 0).map((o) => [o])]) {
      await Promise.all(
        group.map(async (operation) => {
          const answers = await Promise.all(
            rolesOf(operation).map(async (role) => {
              const response = await send(operation, tokenFor(role, 'ORG_A'));
              covered.cases++;
              return { role, status: response.status, code: String(response.body?.code ?? '') };
            }),
          );
          // A destructive call made by several roles at once removes the record for the others.
          const destroyedByAnother =
            DESTRUCTIVE_LAST.includes(operation.operationId) && answers.some((answer) => answer.status < 300);
          for (const { role, status, code } of answers) {
            const managerWrite =
              role === 'REGIONAL_MANAGER' && operation.method !== 'GET' && code === 'AUTH.OUT_OF_SCOPE';
            const refusedForAccess =
              status === 401 || (status === 403 && code.startsWith('AUTH.') && !managerWrite) || status >= 500;
            // Every fixture exists in organisation A: a 404 here is a scope check hiding a record
            // from a caller who may see it.
            const hidden =
              status === 404 && !destroyedByAnother && NOT_FOUND_MEANS_NOTHING_RECORDED[operation.operationId] !== code;
            if (refusedForAccess || hidden)
              failures.push(`${operation.operationId} as ${role}@ORG_A: refused in scope with ${status} ${code}`);
          }
        }),
      );
    }
  });

  it('found no access failure', () => {
    expect(covered.cases).toBeGreaterThan(covered.operations * 10);
    console.log(
      `access matrix: ${covered.operations} operations × ${ROLES.length} roles × ${SCOPES.length} scopes (+ no token, expired) = ${covered.cases} requests`,
    );
    expect(failures).toEqual([]);
  });
});
