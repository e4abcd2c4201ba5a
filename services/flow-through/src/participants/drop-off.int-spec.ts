import { TOPICS } from '@stapsteen/contracts';
import { waitForMessage } from '@stapsteen/testing';
import { FlowThroughFixture, brusselsToday, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';

describe('flow-through referral drop-off over HTTP', () => {
  const { kempen, gent, neteland, herentals, ghent, vdab } = fixtureIds();
  const today = brusselsToday();
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);
  const enrol = () => fixture.enrol();

  beforeAll(async () => {
    fixture = await startFlowThroughFixture({ kempen, gent, neteland, herentals, ghent, vdab });
  });

  afterAll(() => fixture?.close());

  it('closes the referral with its reason and publishes trajectory.referral-dropped to Kafka', async () => {
    const id = await enrol();

    const response = await http()
      .post(`/participants/${id}/trajectory/drop-off`)
      .set(as('neteland'))
      .send({ droppedOn: today, reasonCode: 'NOT_REACHED' })
      .expect(200);

    expect(response.body.trajectories.at(-1)).toMatchObject({
      status: 'ENDED',
      destination: 'DROP_OUT',
      dropOff: { stage: 'REFERRED', reasonCode: 'NOT_REACHED' },
    });
    const message = await waitForMessage(TOPICS.trajectories, (m) => {
      const envelope = JSON.parse(m.value);
      return envelope.type === 'trajectory.referral-dropped' && envelope.data.participantId === id;
    });
    expect(JSON.parse(message.value).data).toEqual({
      participantId: id,
      trajectoryId: response.body.trajectories.at(-1).id,
      organisationId: neteland,
      regionId: kempen,
      referredOn: response.body.trajectories.at(-1).referredOn,
      droppedOn: today,
      stage: 'REFERRED',
      reasonCode: 'NOT_REACHED',
    });
  });

  it('refuses a drop-off of a started trajectory as a rule violation', async () => {
    const id = await enrol();
    await http().post(`/participants/${id}/trajectory/start`).set(as('neteland')).send({ on: today }).expect(200);

    const response = await http()
      .post(`/participants/${id}/trajectory/drop-off`)
      .set(as('neteland'))
      .send({ droppedOn: today, reasonCode: 'OTHER' })
      .expect(422);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('TRAJECTORY.INVALID_TRANSITION');
  });

  it('refuses a reason outside the list and an unknown field as problem details', async () => {
    const id = await enrol();

    const response = await http()
      .post(`/participants/${id}/trajectory/drop-off`)
      .set(as('neteland'))
      .send({ droppedOn: today, reasonCode: 'BORED', note: 'x' })
      .expect(400);

    expect(response.body.code).toBe('REQUEST.INVALID');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['note', 'reasonCode']);
  });

  it.each([
    ['an organiser of another organisation', 'herentals'],
    ['an organiser in another region', 'gent'],
  ])('answers 404 to %s and leaves the referral open', async (_who, token) => {
    const id = await enrol();

    await http()
      .post(`/participants/${id}/trajectory/drop-off`)
      .set(as(token))
      .send({ droppedOn: today, reasonCode: 'NOT_REACHED' })
      .expect(404);

    await http().get(`/participants/${id}`).set(as('managerGent')).expect(404);
    const after = await http().get(`/participants/${id}`).set(as('neteland')).expect(200);
    expect(after.body.trajectories.at(-1).status).toBe('REFERRED');
  });
});
