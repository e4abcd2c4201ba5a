import type { INestApplication } from '@nestjs/common';
import { createTestKeyPair, eventually, testToday } from '@stapsteen/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { type HoursBehindGateway, documentCounts, startHoursBehindGateway } from './hours-behind-gateway';

/**
 * Hand-written hostile input, through the gateway as a browser or a script would send it:
 * MongoDB operators in bodies and query strings, prototype keys in query strings, numbers no
 * field can hold, person names with every Unicode trap, a 10 MB body and malformed CSV imports.
 * Each is refused with a 4xx problem (or, for a CSV, reported row by row), never a 5xx, and
 * nothing is stored that the OpenAPI document does not allow. (Prototype keys in JSON bodies and
 * numbers in strings: exact-bodies.e2e-spec.ts; schemathesis fuzzing: tests/faults.)
 */

jest.setTimeout(180_000);

const suffix = randomUUID().slice(0, 8);
const region = `region-hostile-${suffix}`;
const organisation = `org-hostile-${suffix}`;
const YEAR = Number(testToday().slice(0, 4)) - 1;

describe('hostile input, end to end through the gateway', () => {
  const keys = createTestKeyPair();
  let stack: HoursBehindGateway | undefined;
  let hours: INestApplication;
  let flowThrough: INestApplication;
  let gateway: INestApplication;
  let organiser: string;
  let gatewayAdmin: string;
  let participantId: string;
  const admin = { email: `admin-${suffix}@stapsteen.test`, password: 'hostile input admin passphrase' };
  const http = () => request(gateway.getHttpServer());
  const postRaw = (path: string, raw: string | Buffer, token = organiser) =>
    http().post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(raw);
  const get = (path: string) => http().get(path).set('Authorization', `Bearer ${organiser}`);

  const prestation = (fields: Record<string, unknown> = {}) => ({
    participantId,
    date: `${YEAR}-03-02`,
    minutes: 60,
    gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
    activity: 'Middagtoezicht',
    ...fields,
  });
  const enrolment = (fields: Record<string, unknown> = {}) => ({
    organisationId: organisation,
    firstName: 'Sofie',
    lastName: 'Verbeeck',
    dateOfBirth: '1987-04-12',
    referralSource: 'VDAB',
    ...fields,
  });

  function expectRefused(response: request.Response, field: string, status = 400): void {
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
      status,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(response.body.code).toBe('REQUEST.INVALID');
    expect(JSON.stringify(response.body.errors ?? response.body.detail)).toContain(field);
  }

  beforeAll(async () => {
    stack = await startHoursBehindGateway({
      keys,
      organisation,
      organisationName: `Wijk-werken ${suffix}`,
      region,
      organiserSub: 'organiser-hostile',
      startedOn: `${YEAR}-01-05`,
      gatewayEnv: { GATEWAY_BOOTSTRAP_ADMIN_EMAIL: admin.email, GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: admin.password },
    });
    ({ hours, flowThrough, gateway, organiser, participantId } = stack);
    gatewayAdmin = (await http().post('/api/auth/token').send(admin).expect(200)).body.accessToken;
  });

  afterAll(async () => stack?.close());

  describe('MongoDB operators', () => {
    it.each([
      ['participantId', { participantId: { $gt: '' } }],
      ['gebruiker.reference', { gebruiker: { kind: 'SCHOOL', reference: { $ne: null } } }],
      ['minutes', { minutes: { $gt: 0 } }],
      ['$where', { $where: 'sleep(1000)' }],
    ])('in a prestation body (%s): 400 naming it, nothing stored', async (field, fields) => {
      const before = await documentCounts(hours);
      expectRefused(await postRaw('/api/hours/prestations', JSON.stringify(prestation(fields))), field);
      expect(await documentCounts(hours)).toEqual(before);
    });

    it('in an enrolment body: 400 naming the field, nobody enrolled', async () => {
      const before = await documentCounts(flowThrough);
      const body = JSON.stringify(enrolment({ organisationId: { $ne: null } }));
      expectRefused(await postRaw('/api/flow-through/participants', body), 'organisationId');
      expect(await documentCounts(flowThrough)).toEqual(before);
    });

    it.each([
      [`/api/hours/participants/${'{"$gt":""}'}/hours?year=${YEAR}`, 'id'],
      [`/api/hours/participants/PID/hours?year[$gt]=0`, 'year'],
      [`/api/flow-through/participants?organisationId[$regex]=.*`, 'organisationId'],
    ])('in a query string or path: %s refused with 400', async (path, field) => {
      expectRefused(await get(path.replace('PID', participantId)), field);
    });

    // Unknown query parameters are ignored rather than refused (docs/known-issues.md); what matters
    // here is that an operator never reaches the database: the answer is the one without it.
    it.each([
      `/api/hours/participants?organisationId[$ne]=nobody`,
      `/api/hours/participants?__proto__[organisationId]=x`,
      `/api/hours/participants?constructor[prototype][admin]=1`,
      `/api/hours/participants?organisationId=${encodeURIComponent('{"$ne":null}')}`,
    ])('%s: no operator and no prototype key takes effect', async (path) => {
      const plain = await get('/api/hours/participants').expect(200);
      const response = await get(path);
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) {
        const ids = (response.body as { participantId: string }[]).map((p) => p.participantId);
        expect(plain.body.map((p: { participantId: string }) => p.participantId)).toEqual(expect.arrayContaining(ids));
      }
    });
  });

  describe('numbers no field can hold', () => {
    it.each([
      ['1e308', '1e308'],
      ['1e400 (Infinity once parsed)', '1e400'],
      ['-0', '-0'],
      ['2^53 + 1', '9007199254740993'],
      ['a fraction', '60.5'],
      ['-1', '-1'],
    ])('minutes %s: 400 naming minutes, nothing stored', async (_what, literal) => {
      const before = await documentCounts(hours);
      const raw = JSON.stringify(prestation()).replace('"minutes":60', `"minutes":${literal}`);
      expectRefused(await postRaw('/api/hours/prestations', raw), 'minutes');
      expect(await documentCounts(hours)).toEqual(before);
    });

    // Hex, spaces and exponents were read by Number() as the year they spell (0x7E9 as 2025).
    it.each([
      'NaN',
      'Infinity',
      '1e308',
      '-0',
      '99999999999999999999',
      '',
      '0x7E9',
      ' 2025',
      '2025 ',
      '+2025',
      '2.025e3',
    ])('year=%j in a query: 400 naming year', async (year) => {
      expectRefused(
        await get(`/api/hours/participants/${participantId}/hours?year=${encodeURIComponent(year)}`),
        'year',
      );
    });

    it.each(['"NaN"', '1e308', '1e400', '-1'])('monthlyHoursTarget %s: 400, nobody enrolled', async (literal) => {
      const before = await documentCounts(flowThrough);
      const raw = JSON.stringify(enrolment({ monthlyHoursTarget: 20 })).replace(
        '"monthlyHoursTarget":20',
        `"monthlyHoursTarget":${literal}`,
      );
      expectRefused(await postRaw('/api/flow-through/participants', raw), 'monthlyHoursTarget');
      expect(await documentCounts(flowThrough)).toEqual(before);
    });
  });

  describe('Unicode in person names', () => {
    it.each([
      ['combining marks (Zoë decomposed)', 'Zoe\u0308'],
      ['Arabic, right to left', 'محمد'],
      ['Hebrew, right to left', 'נועה'],
      ['an emoji', 'Anna 🌻'],
      ['astral CJK', '𠮷田'],
      ['80 characters', 'A'.repeat(80)],
    ])('%s: enrolled, and read back exactly as sent', async (_what, name) => {
      const response = await postRaw('/api/flow-through/participants', JSON.stringify(enrolment({ firstName: name })));
      expect(response.status).toBe(201);
      const read = await get(`/api/flow-through/participants/${response.body.id}`).expect(200);
      expect(read.body.firstName).toBe(name);
    });

    it.each([
      ['a NUL character', 'An\u0000na'],
      ['a control character', 'An\u0007na'],
      ['only a zero-width space', '\u200B'],
      ['a zero-width joiner around nothing', '\u200D\u200D'],
      ['a right-to-left override (spoofs what follows)', 'Anna\u202Egnp.exe'],
      ['an isolate control', '\u2067Anna\u2069'],
      ['only spaces', '   '],
      ['a lone surrogate', '\uD800'],
      ['81 characters', 'A'.repeat(81)],
      ['10,000 characters', 'A'.repeat(10_000)],
    ])('%s: 400 naming firstName, nobody enrolled', async (_what, name) => {
      const before = await documentCounts(flowThrough);
      expectRefused(
        await postRaw('/api/flow-through/participants', JSON.stringify(enrolment({ firstName: name }))),
        'firstName',
      );
      expect(await documentCounts(flowThrough)).toEqual(before);
    });

    it('a gateway user named with a NUL or a bidi override: 400 naming displayName', async () => {
      for (const displayName of ['Ann\u0000', 'Ann\u202E', '\u200B']) {
        const response = await http()
          .post('/api/admin/users')
          .set('Authorization', `Bearer ${gatewayAdmin}`)
          .send({
            email: `u-${randomUUID().slice(0, 6)}@stapsteen.test`,
            displayName,
            role: 'ORGANISER',
            organisationIds: [organisation],
          });
        expectRefused(response, 'displayName');
      }
    });
  });

  describe('null where the document allows none (gateway users)', () => {
    let userId = '';
    const user = () => http().get('/api/admin/users').set('Authorization', `Bearer ${gatewayAdmin}`);

    beforeAll(async () => {
      userId = (
        await http()
          .post('/api/admin/users')
          .set('Authorization', `Bearer ${gatewayAdmin}`)
          .send({
            email: `null-${suffix}@stapsteen.test`,
            displayName: 'An Peeters',
            password: 'a long enough password',
            role: 'ORGANISER',
            organisationIds: [organisation],
            regionId: null,
          })
          .expect(201)
      ).body.id;
    });

    it.each(['role', 'active', 'displayName', 'organisationIds'])(
      'PATCH with %s null: 400 naming it, the user unchanged',
      async (field) => {
        const before = (await user()).body.find((u: { id: string }) => u.id === userId);
        const response = await http()
          .patch(`/api/admin/users/${userId}`)
          .set('Authorization', `Bearer ${gatewayAdmin}`)
          .send({ [field]: null });
        expectRefused(response, field);
        expect((await user()).body.find((u: { id: string }) => u.id === userId)).toEqual(before);
      },
    );

    it('POST a user with password null: 400 naming password, nobody created', async () => {
      const before = (await user()).body.length;
      const response = await http()
        .post('/api/admin/users')
        .set('Authorization', `Bearer ${gatewayAdmin}`)
        .send({
          email: `nullpw-${suffix}@stapsteen.test`,
          displayName: 'Bram',
          password: null,
          role: 'ORGANISER',
          organisationIds: [organisation],
        });
      expectRefused(response, 'password');
      expect((await user()).body.length).toBe(before);
    });
  });

  describe('a 10 MB body', () => {
    const tenMegabytes = JSON.stringify(prestation({ activity: 'x'.repeat(10 * 1024 * 1024) }));

    it.each([
      ['a service, through the gateway', '/api/hours/prestations'],
      ['the gateway’s own API', '/api/auth/token'],
    ])('to %s: 413 REQUEST.TOO_LARGE problem, nothing stored', async (_where, path) => {
      const before = await documentCounts(hours);
      const response = await postRaw(path, tenMegabytes);
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
      expect(await documentCounts(hours)).toEqual(before);
    });
  });

  describe('malformed CSV imports: reported, never a 5xx, bad rows never stored', () => {
    const header = 'deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit';
    const row = (day: number, extra = '') =>
      `${participantId};${YEAR}-04-${String(day).padStart(2, '0')};30;PRIVATE_PERSON;Fam. Peeters${extra};Tuinonderhoud`;

    async function importCsv(content: Buffer) {
      const started = await http()
        .post('/api/hours/imports')
        .set('Authorization', `Bearer ${organiser}`)
        .field('organisationId', organisation)
        .attach('file', content, 'import.csv');
      if (started.status !== 202) return { started, job: undefined };
      const job = await eventually(
        () => get(`/api/hours/imports/${started.body.id}`),
        (r) => r.status === 200 && r.body.status !== 'RUNNING',
        { what: 'the import to finish' },
      );
      return { started, job: job.body };
    }

    const aprilPrestations = async () => {
      const year = await get(`/api/hours/participants/${participantId}/hours?year=${YEAR}`).expect(200);
      return (year.body.months as { month: string; prestations: unknown[] }[])
        .filter((m) => m.month === `${YEAR}-04`)
        .flatMap((m) => m.prestations).length;
    };

    it('only a header: done, nothing to import', async () => {
      const before = await aprilPrestations();
      const { job } = await importCsv(Buffer.from(`${header}\r\n`));
      expect(job).toMatchObject({ status: 'DONE', problems: [] });
      expect(await aprilPrestations()).toBe(before);
    });

    it('a byte-order mark and CRLF line ends: both rows imported', async () => {
      const before = await aprilPrestations();
      const { job } = await importCsv(Buffer.from(`\uFEFF${header}\r\n${row(1)}\r\n${row(2)}\r\n`, 'utf8'));
      expect(job).toMatchObject({ status: 'DONE', problems: [] });
      expect(await aprilPrestations()).toBe(before + 2);
    });

    it.each([
      ['an unterminated quote', () => Buffer.from(`${header}\n${row(3).replace('Fam. Peeters', '"Fam. Peeters')}\n`)],
      ['a quote inside an unquoted cell', () => Buffer.from(`${header}\n${row(4).replace('Fam.', 'Fa"m.')}\n`)],
      ['tabs instead of semicolons', () => Buffer.from(`${header}\n${row(5)}\n`.replace(/;/g, '\t'))],
      ['an empty file', () => Buffer.alloc(0)],
      ['binary (random bytes)', () => randomBytes(4096)],
      ['a PNG', () => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(512)])],
      ['UTF-16 text', () => Buffer.from(`\uFEFF${header}\n${row(6)}\n`, 'utf16le')],
      ['a NUL byte in a cell', () => Buffer.from(`${header}\n${row(7, '\u0000')}\n`)],
    ])('%s: refused or reported with a problem, nothing stored', async (_what, content) => {
      const before = await aprilPrestations();
      const counts = await documentCounts(hours);
      const { started, job } = await importCsv(content());
      expect(started.status).toBeLessThan(500);
      if (job) {
        expect({ status: job.status, problems: job.problems.length > 0 }).toEqual({ status: 'DONE', problems: true });
      } else {
        expect(started.status).toBe(400);
        expect(started.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(await aprilPrestations()).toBe(before);
      // An import leaves its own job document; no prestation document more.
      const after = await documentCounts(hours);
      expect(after.prestations ?? 0).toBe(counts.prestations ?? 0);
    });
  });
});
