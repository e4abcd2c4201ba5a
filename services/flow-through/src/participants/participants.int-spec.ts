import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { FlowThroughFixture, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';

describe('flow-through participants over HTTP', () => {
  const ids = fixtureIds();
  const { suffix, neteland, herentals } = ids;
  let fixture: FlowThroughFixture;
  let app: INestApplication;

  const as = (who: string) => fixture.as(who);
  const enrolment = (organisationId: string) => ({
    organisationId,
    firstName: 'Sofie',
    lastName: 'Verbeeck',
    dateOfBirth: '1987-04-12',
    referralSource: 'VDAB',
    monthlyHoursTarget: 20,
  });

  beforeAll(async () => {
    fixture = await startFlowThroughFixture(ids);
    app = fixture.app;
  });

  afterAll(() => fixture?.close());

  it('answers the readiness probe with the database and Kafka up, without a token', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body.info).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
  });

  it('publishes an OpenAPI document that describes enrolment with an example', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.paths['/participants'].post).toBeDefined();
    expect(response.body.components.schemas.EnrolParticipantRequest.properties.firstName.example).toBe('Sofie');
  });

  it('refuses every participant route without a token, as problem details', async () => {
    const response = await request(app.getHttpServer()).get('/participants').expect(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, code: 'AUTH.TOKEN_MISSING', correlationId: expect.any(String) });
  });

  it('refuses an enrolment with an unknown field and stores nothing', async () => {
    const before = await request(app.getHttpServer()).get('/participants').set(as('neteland')).expect(200);

    const response = await request(app.getHttpServer())
      .post('/participants')
      .set(as('neteland'))
      .send({ ...enrolment(neteland), minuten: 30 })
      .expect(400);

    expect(response.body).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [expect.objectContaining({ field: 'minuten' })],
    });
    const after = await request(app.getHttpServer()).get('/participants').set(as('neteland')).expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('shows the masked national register number, never the whole number', async () => {
    const body = 870412123n;
    const nrn = `870412123${String(97 - Number(body % 97n)).padStart(2, '0')}`;
    const created = await request(app.getHttpServer())
      .post('/participants')
      .set(as('neteland'))
      .send({ ...enrolment(neteland), nationalRegisterNumber: nrn })
      .expect(201);
    expect(created.body.nationalRegisterNumberMasked).toBe('87.04.12-***.**');
    expect(JSON.stringify(created.body)).not.toContain(nrn);
  });

  it('keeps each organisation’s participants to that organisation', async () => {
    const mine = await request(app.getHttpServer())
      .post('/participants')
      .set(as('neteland'))
      .send(enrolment(neteland))
      .expect(201);

    await request(app.getHttpServer()).get(`/participants/${mine.body.id}`).set(as('herentals')).expect(404);
    const list = await request(app.getHttpServer()).get('/participants').set(as('herentals')).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(mine.body.id);
    const refused = await request(app.getHttpServer())
      .post('/participants')
      .set(as('herentals'))
      .send(enrolment(neteland))
      .expect(403);
    expect(refused.body.code).toBe('AUTH.OUT_OF_SCOPE');
  });

  it('lets a regional manager read the participants of their region only, and not enrol', async () => {
    const enrolled = await request(app.getHttpServer())
      .post('/participants')
      .set(as('herentals'))
      .send(enrolment(herentals))
      .expect(201);

    await request(app.getHttpServer()).get(`/participants/${enrolled.body.id}`).set(as('managerKempen')).expect(200);
    await request(app.getHttpServer()).get(`/participants/${enrolled.body.id}`).set(as('managerGent')).expect(404);
    const gentList = await request(app.getHttpServer()).get('/participants').set(as('managerGent')).expect(200);
    expect(gentList.body.total).toBe(0);
    await request(app.getHttpServer())
      .post('/participants')
      .set(as('managerKempen'))
      .send(enrolment(herentals))
      .expect(403);
  });

  it('stores the enrolment and its event in one document, so neither exists without the other', async () => {
    const created = await request(app.getHttpServer())
      .post('/participants')
      .set(as('neteland'))
      .send(enrolment(neteland))
      .expect(201);
    const connection = app.get<Connection>(getConnectionToken());
    const document = await connection.collection('participants').findOne({ _id: created.body.id } as object);
    // Either still pending in the outbox or already published (and then removed): never elsewhere.
    expect(document).not.toBeNull();
    expect(Array.isArray(document?.outbox)).toBe(true);
  });

  it('lists one organisation or one coach on request, and answers 404 for an organisation out of scope', async () => {
    const http = () => request(app.getHttpServer());
    const mine = await http()
      .post('/participants')
      .set(as('neteland'))
      .send({ ...enrolment(neteland), coachId: `coach-${suffix}` })
      .expect(201);
    const theirs = await http().post('/participants').set(as('herentals')).send(enrolment(herentals)).expect(201);
    const ids = (response: request.Response) => response.body.items.map((p: { id: string }) => p.id);

    const netelandOnly = await http()
      .get(`/participants?organisationId=${neteland}&limit=200`)
      .set(as('managerKempen'));
    expect(netelandOnly.status).toBe(200);
    expect(ids(netelandOnly)).toContain(mine.body.id);
    expect(ids(netelandOnly)).not.toContain(theirs.body.id);
    const byCoach = await http().get(`/participants?coachId=coach-${suffix}`).set(as('admin')).expect(200);
    expect(ids(byCoach)).toEqual([mine.body.id]);

    const otherOrganisation = await http().get(`/participants?organisationId=${herentals}`).set(as('neteland'));
    expect(otherOrganisation.status).toBe(404);
    expect(otherOrganisation.body.code).toBe('ORGANISATION.NOT_FOUND');
    await http().get(`/participants?organisationId=${neteland}`).set(as('managerGent')).expect(404);
    await http().get('/participants?organisationId=Not An Id').set(as('admin')).expect(400);
  });
});
