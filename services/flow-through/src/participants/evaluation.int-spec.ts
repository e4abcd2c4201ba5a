import { FlowThroughFixture, brusselsToday, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';
import { addMonthsToDate } from '@stapsteen/calendar';

describe('six-monthly evaluations over HTTP', () => {
  const { kempen, gent, neteland, herentals, ghent, vdab } = fixtureIds();
  const today = brusselsToday();
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);
  const started = () => fixture.started();

  beforeAll(async () => {
    fixture = await startFlowThroughFixture({ kempen, gent, neteland, herentals, ghent, vdab });
  });

  afterAll(() => fixture?.close());

  it('shows the region’s manager the evaluation due six months after the start, and records one held', async () => {
    const id = await started();

    const before = await http().get(`/participants/${id}/trajectory/evaluations`).set(as('managerKempen')).expect(200);
    expect(before.body).toMatchObject({
      dueDates: [addMonthsToDate(today, 6)],
      nextDueOn: addMonthsToDate(today, 6),
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
