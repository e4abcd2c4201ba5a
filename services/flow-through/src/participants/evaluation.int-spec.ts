import { INestApplication } from '@nestjs/common';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../app.module';
import { addMonths } from './domain/follow-up';

describe('six-monthly evaluations over HTTP', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const kempen = `region-kempen-${suffix}`;
  const gent = `region-gent-${suffix}`;
  const neteland = `org-neteland-${suffix}`;
  const herentals = `org-herentals-${suffix}`;
  const tokens: Record<string, string> = {};
  let app: INestApplication;

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
  const http = () => request(app.getHttpServer());

  async function started(): Promise<string> {
    const enrolled = await http()
      .post('/participants')
      .set(as('neteland'))
      .send({
        organisationId: neteland,
        firstName: 'Sofie',
        lastName: 'Verbeeck',
        dateOfBirth: '1987-04-12',
        referralSource: 'VDAB',
      })
      .expect(201);
    const id = enrolled.body.id;
    await http().post(`/participants/${id}/trajectory/start`).set(as('neteland')).send({ on: today }).expect(200);
    return id;
  }

  beforeAll(async () => {
    app = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
    const mint = (sub: string, role: string, orgIds: string[], regionId: string | null) =>
      mintToken(keys.privateKeyPem, { sub, role, orgIds, regionId });
    tokens.admin = await mint('admin', 'ADMIN', [], null);
    tokens.neteland = await mint('organiser-neteland', 'ORGANISER', [neteland], kempen);
    tokens.herentals = await mint('organiser-herentals', 'ORGANISER', [herentals], kempen);
    tokens.managerKempen = await mint('manager-kempen', 'REGIONAL_MANAGER', [], kempen);
    tokens.managerGent = await mint('manager-gent', 'REGIONAL_MANAGER', [], gent);
    for (const [id, regionId] of [
      [neteland, kempen],
      [herentals, kempen],
    ]) {
      await http()
        .put('/organisations')
        .set(as('admin'))
        .send({ id, name: `Wijk-werken ${id}`, kind: 'WIJK_WERK', regionId })
        .expect(200);
    }
  });

  afterAll(() => app?.close());

  it('shows the region’s manager the evaluation due six months after the start, and records one held', async () => {
    const id = await started();

    const before = await http().get(`/participants/${id}/trajectory/evaluations`).set(as('managerKempen')).expect(200);
    expect(before.body).toMatchObject({
      dueDates: [addMonths(today, 6)],
      nextDueOn: addMonths(today, 6),
      overdue: false,
    });

    const after = await http()
      .post(`/participants/${id}/trajectory/evaluations`)
      .set(as('neteland'))
      .send({ heldOn: today, outcome: 'ADJUST_PLAN' })
      .expect(200);
    expect(after.body.held).toEqual([{ heldOn: today, outcome: 'ADJUST_PLAN', heldBy: 'organiser-neteland' }]);
    expect(after.body.nextDueOn).toBeNull();
  });

  it.each([
    ['an organiser of another organisation', 'herentals'],
    ['a manager of another region', 'managerGent'],
  ])('answers 404 to %s reading the evaluations', async (_who, token) => {
    const id = await started();

    await http().get(`/participants/${id}/trajectory/evaluations`).set(as(token)).expect(404);
  });

  it('answers 404 to an organiser of another organisation recording one, and records nothing', async () => {
    const id = await started();

    await http()
      .post(`/participants/${id}/trajectory/evaluations`)
      .set(as('herentals'))
      .send({ heldOn: today, outcome: 'CONTINUE' })
      .expect(404);

    const read = await http().get(`/participants/${id}/trajectory/evaluations`).set(as('neteland')).expect(200);
    expect(read.body.held).toEqual([]);
  });

  it.each([
    ['an unknown outcome', { heldOn: '2026-01-01', outcome: 'MAYBE' }, 400, 'REQUEST.INVALID'],
    ['a bad date', { heldOn: '2026-02-30x', outcome: 'END' }, 400, 'REQUEST.INVALID'],
    ['a date in the future', { heldOn: '2999-01-01', outcome: 'END' }, 422, 'EVALUATION.DATE_IN_FUTURE'],
  ])('refuses %s with a problem detail', async (_what, body, status, code) => {
    const id = await started();

    const response = await http()
      .post(`/participants/${id}/trajectory/evaluations`)
      .set(as('neteland'))
      .send(body)
      .expect(status);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
  });
});
