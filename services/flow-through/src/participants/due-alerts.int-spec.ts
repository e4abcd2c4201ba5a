import { FlowThroughFixture, brusselsToday, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';
import { addDays, addMonthsToDate } from '@stapsteen/calendar';
import { DueAlertChecks } from './scheduling/due-alert-checks';

describe('time-based alerts and the due task lists over HTTP', () => {
  const { kempen, gent, neteland, herentals, ghent, vdab } = fixtureIds();
  const realToday = brusselsToday();
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);

  /** Moves the service's calendar (its clock port), as days passing would. */
  const travelTo = (day: string) => fixture.travelTo(day);

  const endingAlertsFor = async (who: string, participantId: string) =>
    (
      await http().get('/alerts').query({ kind: 'TRAJECTORY_ENDING_NO_PLAN', limit: 500 }).set(as(who)).expect(200)
    ).body.items.filter((a: { participantId: string }) => a.participantId === participantId);

  beforeAll(async () => {
    fixture = await startFlowThroughFixture({ kempen, gent, neteland, herentals, ghent, vdab });
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => fixture?.close());

  it('raises TRAJECTORY_ENDING_NO_PLAN on the timer within 60 days of the planned end, and the plan resolves it', async () => {
    const id = await fixture.started();
    const participant = await http().get(`/participants/${id}`).set(as('neteland')).expect(200);
    const plannedEndOn: string = participant.body.trajectories[0].plannedEndOn;
    const checks = fixture.app.get(DueAlertChecks);
    await checks.runScheduled();
    expect(await endingAlertsFor('neteland', id)).toEqual([]);

    // The day before the 60-day mark the schedule has nothing for this participant yet.
    travelTo(addDays(plannedEndOn, -61));
    await checks.runScheduled();
    expect(await endingAlertsFor('neteland', id)).toEqual([]);

    travelTo(addDays(plannedEndOn, -60));
    const run = await checks.runScheduled();
    expect(run.checked).toBeGreaterThanOrEqual(1);
    await checks.runScheduled(); // a second run on the same day raises nothing twice

    expect(await endingAlertsFor('managerKempen', id)).toEqual([
      expect.objectContaining({ status: 'OPEN', severity: 'MEDIUM', facts: { plannedEndOn } }),
    ]);
    expect(await endingAlertsFor('managerGent', id)).toEqual([]);

    await http()
      .put(`/participants/${id}/trajectory/plan`)
      .set(as('coach'))
      .send({ targetDestination: 'SOCIAL_ECONOMY', steps: [] })
      .expect(200);

    const after = await http().get(`/alerts/${id}/TRAJECTORY_ENDING_NO_PLAN`).set(as('managerKempen')).expect(200);
    expect(after.body).toMatchObject({ status: 'RESOLVED', resolution: 'CAUSE_CLEARED' });
  });

  it('lists overdue evaluations in scope, and the follow-ups once the trajectory ended', async () => {
    const id = await fixture.started();
    const evaluationDueOn = addMonthsToDate(realToday, 6);
    const later = addDays(evaluationDueOn, 3);
    travelTo(later);
    // A write on the later day checks the participant (as the timer would).
    await http().patch(`/participants/${id}`).set(as('neteland')).send({ coachId: 'coach-neteland' }).expect(200);

    const mine = await http().get('/evaluations/due').set(as('coach')).expect(200);
    expect(mine.body.items.filter((i: { participantId: string }) => i.participantId === id)).toEqual([
      expect.objectContaining({ name: 'Sofie Verbeeck', dueOn: evaluationDueOn, overdue: true }),
    ]);
    const region = await http()
      .get('/evaluations/due')
      .query({ regionId: kempen })
      .set(as('managerKempen'))
      .expect(200);
    expect(region.body.items.filter((i: { participantId: string }) => i.participantId === id)).toEqual([
      expect.objectContaining({ name: null, organisationId: neteland, overdue: true }),
    ]);
    const elsewhere = await http().get('/evaluations/due').set(as('herentals')).expect(200);
    expect(JSON.stringify(elsewhere.body)).not.toContain(id);
    const evaluationAlert = await http().get(`/alerts/${id}/EVALUATION_DUE`).set(as('neteland')).expect(200);
    expect(evaluationAlert.body).toMatchObject({ status: 'OPEN', severity: 'HIGH' });

    await http()
      .post(`/participants/${id}/trajectory/evaluations`)
      .set(as('neteland'))
      .send({ heldOn: later, outcome: 'CONTINUE' })
      .expect(200);
    const held = await http().get('/evaluations/due').query({ organisationId: neteland }).set(as('neteland'));
    expect(held.status).toBe(200);
    expect(JSON.stringify(held.body)).not.toContain(id);
    expect((await http().get(`/alerts/${id}/EVALUATION_DUE`).set(as('neteland'))).body.status).toBe('RESOLVED');

    await http()
      .post(`/participants/${id}/trajectory/end`)
      .set(as('neteland'))
      .send({ on: later, destination: 'NEC_JOB' })
      .expect(200);
    const now = await http().get('/follow-ups/due').set(as('neteland')).expect(200);
    expect(now.body.items.filter((i: { participantId: string }) => i.participantId === id)).toEqual([
      expect.objectContaining({
        checkpoint: 'IMMEDIATE',
        dueOn: later,
        windowEndsOn: addDays(later, 28),
        overdue: false,
      }),
    ]);
    const ahead = await http().get('/follow-ups/due').query({ within: 200 }).set(as('admin')).expect(200);
    expect(
      ahead.body.items
        .filter((i: { participantId: string }) => i.participantId === id)
        .map((i: { checkpoint: string }) => i.checkpoint),
    ).toEqual(['IMMEDIATE', 'SIX_MONTHS']);
    expect((await http().get(`/alerts/${id}/FOLLOW_UP_DUE`).set(as('neteland'))).body.status).toBe('OPEN');
  });

  it.each([
    ['an organiser asking for another organisation', 'herentals', { organisationId: neteland }],
    ['a manager asking for another region', 'managerGent', { regionId: kempen }],
    ['a manager asking for an organisation of another region', 'managerGent', { organisationId: neteland }],
    ['an organiser asking for another region', 'neteland', { regionId: gent }],
  ])('answers 404 to %s', async (_who, token, query) => {
    for (const path of ['/evaluations/due', '/follow-ups/due']) {
      const response = await http().get(path).query(query).set(as(token)).expect(404);
      expect(response.body.code).toBe('DUE_TASKS.SCOPE_NOT_FOUND');
    }
  });

  it('refuses a window that is not a whole number of days with a problem', async () => {
    const response = await http().get('/follow-ups/due').query({ within: 'soon' }).set(as('neteland')).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  // `@Type(() => Number)` read an empty window as 0 (and hex, spaces and exponents as numbers): the
  // fuzz suite's finding. Sent raw, as a client would, not through superagent's query encoding.
  it.each(['', '%20', '0x10', '%2014', '14%20', '1e1', '%2B14', '014', '14.0'])(
    'refuses within=%s with 400 REQUEST.INVALID naming within',
    async (raw) => {
      for (const path of ['/follow-ups/due', '/evaluations/due']) {
        const response = await http().get(`${path}?within=${raw}`).set(as('neteland')).expect(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'within' }] });
        expect(response.body.errors[0].problems).toEqual([expect.stringMatching(/^within must be an integer number/)]);
      }
    },
  );
});
