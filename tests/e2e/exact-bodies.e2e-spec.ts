import type { INestApplication } from '@nestjs/common';
import { REQUEST_RULES } from '@stapsteen/observability';
import { createTestKeyPair, eventually, testToday } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type HoursBehindGateway, documentCounts, startHoursBehindGateway } from './hours-behind-gateway';

const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const organisation = `org-neteland-${suffix}`;
/** Last year as the services see it (their clock, STAPSTEEN_TODAY honoured). */
const YEAR = Number(testToday().slice(0, 4)) - 1;

/**
 * Bodies are exact and plain, through the gateway as a browser sends them: a number in a string is
 * refused (not converted and stored), prototype keys are refused at any depth, and malformed JSON
 * or a malformed path answer stable codes — each time nothing is stored.
 */
describe('exact request bodies, end to end through the gateway', () => {
  const keys = createTestKeyPair();
  let stack: HoursBehindGateway | undefined;
  let hours: INestApplication;
  let flowThrough: INestApplication;
  let gateway: INestApplication;
  let organiser: string;
  let participantId: string;
  const http = () => request(gateway.getHttpServer());

  /** A raw JSON text, exactly as given: `JSON.stringify` of an object would lose a `__proto__` key. */
  const postRaw = (path: string, raw: string) =>
    http().post(path).set('Authorization', `Bearer ${organiser}`).set('Content-Type', 'application/json').send(raw);

  const prestation = (overrides: string) =>
    `{"participantId": "${participantId}", "date": "${YEAR}-03-02", "minutes": 60, ` +
    `"gebruiker": {"kind": "SCHOOL", "reference": "GBS De Klimop"}, "activity": "Middagtoezicht"${overrides}}`;
  const enrolment = (overrides: string) =>
    `{"organisationId": "${organisation}", "firstName": "Sofie", "lastName": "Verbeeck", ` +
    `"dateOfBirth": "1987-04-12", "referralSource": "VDAB"${overrides}}`;

  const storedPrestations = async () => {
    const year = await http()
      .get(`/api/hours/participants/${participantId}/hours?year=${YEAR}`)
      .set('Authorization', `Bearer ${organiser}`)
      .expect(200);
    return (year.body.months as { prestations: unknown[] }[]).flatMap((m) => m.prestations).length;
  };

  beforeAll(async () => {
    stack = await startHoursBehindGateway({
      keys,
      organisation,
      organisationName: `Wijk-werken ${suffix}`,
      region,
      organiserSub: 'organiser-neteland',
      startedOn: `${YEAR}-01-05`,
    });
    ({ hours, flowThrough, gateway, organiser, participantId } = stack);
  });

  afterAll(async () => stack?.close());

  describe('numbers in strings are refused, not converted', () => {
    it.each([
      ['minutes', prestation('').replace('"minutes": 60', '"minutes": "60"')],
      ['kilometres', prestation(', "kilometres": "14"')],
    ])(
      'POST /api/hours/prestations with %s as a string: 400 REQUEST.INVALID naming it, nothing stored',
      async (field, raw) => {
        const before = await documentCounts(hours);
        const response = await postRaw('/api/hours/prestations', raw);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          code: 'REQUEST.INVALID',
          errors: [{ field, problems: ['must be a number, not a string'] }],
        });
        expect(await storedPrestations()).toBe(0);
        expect(await documentCounts(hours)).toEqual(before);
      },
    );

    it('POST /api/flow-through/participants with monthlyHoursTarget "20": 400 naming it, nobody enrolled', async () => {
      const before = await documentCounts(flowThrough);
      const response = await postRaw('/api/flow-through/participants', enrolment(', "monthlyHoursTarget": "20"'));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'REQUEST.INVALID',
        errors: [{ field: 'monthlyHoursTarget', problems: ['must be a number, not a string'] }],
      });
      expect(await documentCounts(flowThrough)).toEqual(before);
    });

    it('the same bodies with real numbers are stored (the refusals above are about the type only)', async () => {
      await postRaw('/api/hours/prestations', prestation(', "kilometres": 14')).expect(201);
      expect(await storedPrestations()).toBe(1);
      const enrolled = await postRaw('/api/flow-through/participants', enrolment(', "monthlyHoursTarget": 20'));
      expect(enrolled.status).toBe(201);
      expect(enrolled.body.monthlyHoursTarget).toBe(20);
      // hours learns of the enrolment from Kafka; wait for it, so the counts below stay still.
      await eventually(
        () => request(hours.getHttpServer()).get('/participants').set('Authorization', `Bearer ${organiser}`),
        (response) =>
          Array.isArray(response.body) &&
          response.body.some((p: { participantId: string }) => p.participantId === enrolled.body.id),
        { what: 'the new participant in the hours roster' },
      );
    });
  });

  describe('prototype keys are refused at any depth, by the services and by the gateway itself', () => {
    it.each([
      ['__proto__ at the top', '/api/hours/prestations', prestation(', "__proto__": {"minutes": 1}'), '__proto__'],
      [
        '__proto__ nested',
        '/api/hours/prestations',
        prestation('').replace('"reference": "GBS De Klimop"', '"reference": "GBS De Klimop", "__proto__": {"x": 1}'),
        'gebruiker.__proto__',
      ],
      [
        'constructor',
        '/api/flow-through/participants',
        enrolment(', "constructor": {"prototype": {"x": 1}}'),
        'constructor',
      ],
    ])('%s: 400 REQUEST.INVALID naming the key, nothing stored', async (_case, path, raw, field) => {
      const service = path.startsWith('/api/hours') ? hours : flowThrough;
      const before = await documentCounts(service);
      const prestationsBefore = await storedPrestations();
      const response = await postRaw(path, raw);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field }] });
      expect(await documentCounts(service)).toEqual(before);
      expect(await storedPrestations()).toBe(prestationsBefore);
    });

    it('__proto__ inside an array element: 400 REQUEST.INVALID, the settings stay as they were', async () => {
      const path = `/api/hours/organisations/${organisation}/hours-targets`;
      const settings = () => http().get(path).set('Authorization', `Bearer ${organiser}`).expect(200);
      const before = (await settings()).body;
      const counts = await documentCounts(hours);
      const response = await http()
        .put(path)
        .set('Authorization', `Bearer ${organiser}`)
        .set('Content-Type', 'application/json')
        .send('{"steps": [{"fromTrajectoryMonth": 1, "hours": 10, "__proto__": {"hours": 60}}]}');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'steps[0].__proto__' }] });
      expect((await settings()).body).toEqual(before);
      expect(await documentCounts(hours)).toEqual(counts);
    });

    it('the gateway’s own routes refuse them too (its own JSON parser)', async () => {
      const response = await http()
        .post('/api/auth/token')
        .set('Content-Type', 'application/json')
        .send('{"email": "nobody@neteland.be", "password": "guessing passwords", "__proto__": {"role": "ADMIN"}}');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: '__proto__' }] });
    });
  });

  describe('malformed requests answer stable codes, not HTTP.400', () => {
    it.each([
      ['a service', '/api/hours/prestations'],
      ['the gateway', '/api/auth/token'],
    ])('malformed JSON to %s: 400 REQUEST.MALFORMED, nothing stored', async (_where, path) => {
      const before = await documentCounts(hours);
      const response = await postRaw(path, '{"participantId": "x", "minutes": 60,');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED' });
      expect(await documentCounts(hours)).toEqual(before);
    });

    it('each service and the gateway state these rules in their OpenAPI description', async () => {
      for (const app of [hours, flowThrough, gateway]) {
        const docs = await request(app.getHttpServer()).get('/docs-json').expect(200);
        expect(docs.body.info.description).toContain(REQUEST_RULES);
      }
    });

    it('a path id that cannot even be decoded: 400 REQUEST.INVALID', async () => {
      const response = await http()
        .get(`/api/hours/participants/%E0%A4%A/hours?year=${YEAR}`)
        .set('Authorization', `Bearer ${organiser}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    });
  });
});
