import { randomUUID } from 'node:crypto';
import { FlowThroughFixture, brusselsToday, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';

describe('flow-through plan and partner referrals over HTTP', () => {
  const { kempen, gent, neteland, herentals, ghent, vdab } = fixtureIds();
  const today = brusselsToday();
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);
  const plan = { targetDestination: 'SOCIAL_ECONOMY', steps: [{ description: 'CV opmaken', dueOn: '2027-01-15' }] };
  const participant = () => fixture.enrol();

  beforeAll(async () => {
    fixture = await startFlowThroughFixture({ kempen, gent, neteland, herentals, ghent, vdab });
  });

  afterAll(() => fixture?.close());

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
