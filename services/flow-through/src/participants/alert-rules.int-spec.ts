import { getConnectionToken } from '@nestjs/mongoose';
import { eventually } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { FlowThroughFixture, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';
import { addDays } from '@stapsteen/calendar';
import { ALERT_RULES_COLLECTION } from './infrastructure/mongo-alert-rules';

describe('an organisation’s alert rules over HTTP', () => {
  const { kempen, gent, neteland, herentals, ghent, vdab } = fixtureIds();
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);
  const path = (organisationId = neteland) => `/organisations/${organisationId}/alert-rules`;
  const stored = (organisationId = neteland) =>
    fixture.app
      .get<Connection>(getConnectionToken())
      .collection(ALERT_RULES_COLLECTION)
      .findOne({ _id: organisationId } as object);

  beforeAll(async () => {
    fixture = await startFlowThroughFixture({ kempen, gent, neteland, herentals, ghent, vdab });
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => fixture?.close());

  it('shows the defaults, stores an organiser’s rules, refuses bad ones and hides them out of scope', async () => {
    const before = await http().get(path(herentals)).set(as('managerKempen')).expect(200);
    expect(before.body).toEqual({
      organisationId: herentals,
      endingWithinDays: 60,
      evaluationWithinDays: 14,
      defaults: { endingWithinDays: 60, evaluationWithinDays: 14 },
      editedBy: null,
      editedAt: null,
    });

    const rules = { endingWithinDays: 45, evaluationWithinDays: 21 };
    const saved = await http().put(path(herentals)).set(as('herentals')).send(rules).expect(200);
    expect(saved.body).toMatchObject({ ...rules, editedBy: 'organiser-herentals' });
    const after = await http().get(path(herentals)).set(as('admin')).expect(200);
    expect(after.body).toMatchObject({ ...rules, defaults: before.body.defaults, editedBy: 'organiser-herentals' });

    for (const bad of [
      { ...rules, endingWithinDays: 6 },
      { ...rules, endingWithinDays: 181 },
      { ...rules, evaluationWithinDays: 0 },
      { ...rules, evaluationWithinDays: 91 },
      { ...rules, evaluationWithinDays: 'fourteen' },
      { endingWithinDays: 30 },
    ]) {
      const refused = await http().put(path(herentals)).set(as('admin')).send(bad).expect(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('REQUEST.INVALID');
    }
    expect(await stored(herentals)).toMatchObject(rules);
    expect((await http().get(path(herentals)).set(as('managerKempen')).expect(200)).body).toMatchObject(rules);

    for (const who of ['neteland', 'coach', 'gent', 'managerGent']) {
      const hidden = await http().get(path(herentals)).set(as(who)).expect(404);
      expect(hidden.body.code).toBe('ORGANISATION.NOT_FOUND');
    }
    for (const who of ['neteland', 'gent']) {
      await http()
        .put(path(herentals))
        .set(as(who))
        .send({ ...rules, endingWithinDays: 90 })
        .expect(404);
    }
    // Managers follow a region's alerts but do not set an organisation's rules.
    await http()
      .put(path(herentals))
      .set(as('managerKempen'))
      .send({ ...rules, endingWithinDays: 90 })
      .expect(403);
    await http().get(path('org-nowhere')).set(as('admin')).expect(404);
    expect(await stored(herentals)).toMatchObject(rules);
    expect(await stored('org-nowhere')).toBeNull();
  });

  it('raises no ending alert 60 days out with a 30-day window, and raises it once the window is 60 again', async () => {
    await http().put(path()).set(as('neteland')).send({ endingWithinDays: 30, evaluationWithinDays: 14 }).expect(200);
    const id = await fixture.started();
    const plannedEndOn: string = (await http().get(`/participants/${id}`).set(as('neteland')).expect(200)).body
      .trajectories[0].plannedEndOn;
    const ending = () => http().get(`/alerts/${id}/TRAJECTORY_ENDING_NO_PLAN`).set(as('neteland'));

    const day = addDays(plannedEndOn, -60);
    fixture.travelTo(day);
    // A write checks the participant, as the timer would on its day.
    await http().patch(`/participants/${id}`).set(as('neteland')).send({ coachId: 'coach-neteland' }).expect(200);
    expect((await ending()).status).toBe(404);

    await http().put(path()).set(as('admin')).send({ endingWithinDays: 60, evaluationWithinDays: 14 }).expect(200);
    const raised = await eventually(ending, (response) => response.status === 200, {
      what: 'the ending alert after the window became 60 days',
    });
    expect(raised.body).toMatchObject({ status: 'OPEN', severity: 'MEDIUM', facts: { plannedEndOn } });
  });
});
