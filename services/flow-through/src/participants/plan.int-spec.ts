import { INestApplication } from '@nestjs/common';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../app.module';

describe('flow-through plan and partner referrals over HTTP', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const kempen = `region-kempen-${suffix}`;
  const gent = `region-gent-${suffix}`;
  const neteland = `org-neteland-${suffix}`;
  const herentals = `org-herentals-${suffix}`;
  const vdab = `org-vdab-${suffix}`;
  const tokens: Record<string, string> = {};
  let app: INestApplication;

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
  const http = () => request(app.getHttpServer());
  const plan = { targetDestination: 'SOCIAL_ECONOMY', steps: [{ description: 'CV opmaken', dueOn: '2027-01-15' }] };

  async function participant(): Promise<string> {
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
    return enrolled.body.id;
  }

  beforeAll(async () => {
    app = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
    const mint = (sub: string, role: string, orgIds: string[], regionId: string | null) =>
      mintToken(keys.privateKeyPem, { sub, role, orgIds, regionId });
    tokens.admin = await mint('admin', 'ADMIN', [], null);
    tokens.neteland = await mint('organiser-neteland', 'ORGANISER', [neteland], kempen);
    tokens.coach = await mint('coach-neteland', 'COACH', [neteland], kempen);
    tokens.herentals = await mint('organiser-herentals', 'ORGANISER', [herentals], kempen);
    tokens.managerKempen = await mint('manager-kempen', 'REGIONAL_MANAGER', [], kempen);
    tokens.managerGent = await mint('manager-gent', 'REGIONAL_MANAGER', [], gent);
    for (const [id, kind, regionId] of [
      [neteland, 'WIJK_WERK', kempen],
      [herentals, 'WIJK_WERK', kempen],
      [vdab, 'VDAB', kempen],
    ]) {
      await http()
        .put('/organisations')
        .set(as('admin'))
        .send({ id, name: `Organisatie ${id}`, kind, regionId })
        .expect(200);
    }
  });

  afterAll(() => app?.close());

  it('describes the plan endpoints in the OpenAPI document with examples', async () => {
    const response = await http().get('/docs-json').expect(200);

    expect(response.body.paths['/participants/{id}/trajectory/plan'].put).toBeDefined();
    expect(response.body.paths['/participants/{id}/trajectory/referrals/{referralId}'].patch).toBeDefined();
    expect(response.body.components.schemas.PutPlanRequest.properties.targetDestination.example).toBe('SOCIAL_ECONOMY');
  });

  it('saves a plan that the region’s manager can read, and follows a referral to a partner', async () => {
    const id = await participant();

    await http().put(`/participants/${id}/trajectory/plan`).set(as('coach')).send(plan).expect(200);
    const sent = await http()
      .post(`/participants/${id}/trajectory/referrals`)
      .set(as('neteland'))
      .send({ partnerOrganisationId: vdab, purpose: 'Screening', sentOn: today })
      .expect(201);
    const referralId = sent.body.referrals[0].id;
    await http()
      .patch(`/participants/${id}/trajectory/referrals/${referralId}`)
      .set(as('coach'))
      .send({ status: 'ACCEPTED', on: today })
      .expect(200);

    const read = await http().get(`/participants/${id}/trajectory/plan`).set(as('managerKempen')).expect(200);
    expect(read.body).toMatchObject({
      targetDestination: 'SOCIAL_ECONOMY',
      steps: [{ description: 'CV opmaken', dueOn: '2027-01-15', doneOn: null }],
      referrals: [{ partnerOrganisationId: vdab, status: 'ACCEPTED' }],
    });
    expect(read.body.referrals[0].history.map((h: { status: string; by: string }) => [h.status, h.by])).toEqual([
      ['SENT', 'organiser-neteland'],
      ['ACCEPTED', 'coach-neteland'],
    ]);
  });

  it.each([
    ['an organiser of another organisation', 'herentals'],
    ['a manager of another region', 'managerGent'],
  ])('answers 404 to %s reading the plan', async (_who, token) => {
    const id = await participant();

    await http().get(`/participants/${id}/trajectory/plan`).set(as(token)).expect(404);
  });

  it('answers 404 to an organiser of another organisation saving a plan, and changes nothing', async () => {
    const id = await participant();

    await http().put(`/participants/${id}/trajectory/plan`).set(as('herentals')).send(plan).expect(404);
    await http()
      .post(`/participants/${id}/trajectory/referrals`)
      .set(as('herentals'))
      .send({ partnerOrganisationId: vdab, purpose: 'Screening', sentOn: today })
      .expect(404);

    const read = await http().get(`/participants/${id}/trajectory/plan`).set(as('neteland')).expect(200);
    expect(read.body).toMatchObject({ targetDestination: null, steps: [], referrals: [] });
  });

  it('does not let the region’s manager change the plan', async () => {
    const id = await participant();

    await http().put(`/participants/${id}/trajectory/plan`).set(as('managerKempen')).send(plan).expect(403);

    const read = await http().get(`/participants/${id}/trajectory/plan`).set(as('neteland')).expect(200);
    expect(read.body.targetDestination).toBeNull();
  });

  it.each([
    ['an unknown partner', { partnerOrganisationId: 'org-nobody', purpose: 'x', sentOn: '2026-01-01' }],
    ['a wijk-werkorganisatie as partner', { partnerOrganisationId: 'HERENTALS', purpose: 'x', sentOn: '2026-01-01' }],
  ])('refuses a referral to %s with 422 PLAN.PARTNER_UNKNOWN', async (_what, body) => {
    const id = await participant();
    const partnerOrganisationId = body.partnerOrganisationId === 'HERENTALS' ? herentals : body.partnerOrganisationId;

    const response = await http()
      .post(`/participants/${id}/trajectory/referrals`)
      .set(as('neteland'))
      .send({ ...body, partnerOrganisationId })
      .expect(422);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('PLAN.PARTNER_UNKNOWN');
  });

  it.each([
    [
      'a step of 201 characters',
      { targetDestination: null, steps: [{ description: 'x'.repeat(201), dueOn: '2027-01-01' }] },
    ],
    ['an unknown destination', { targetDestination: 'MOON', steps: [] }],
    ['a bad date', { targetDestination: null, steps: [{ description: 'CV', dueOn: '2027-13-01' }] }],
    ['an unknown field', { targetDestination: null, steps: [], note: 'x' }],
  ])('answers 400 REQUEST.INVALID to a plan with %s', async (_what, body) => {
    const id = await participant();

    const response = await http().put(`/participants/${id}/trajectory/plan`).set(as('neteland')).send(body).expect(400);

    expect(response.body.code).toBe('REQUEST.INVALID');
  });

  it('answers 404 PLAN.REFERRAL_NOT_FOUND to a status for an unknown referral', async () => {
    const id = await participant();

    const response = await http()
      .patch(`/participants/${id}/trajectory/referrals/${randomUUID()}`)
      .set(as('neteland'))
      .send({ status: 'DONE', on: today })
      .expect(404);

    expect(response.body.code).toBe('PLAN.REFERRAL_NOT_FOUND');
  });
});
