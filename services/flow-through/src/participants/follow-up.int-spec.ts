import { TOPICS } from '@stapsteen/contracts';
import { waitForMessage } from '@stapsteen/testing';
import { FlowThroughFixture, brusselsToday, fixtureIds, startFlowThroughFixture } from '../../test/http-fixture';

describe('flow-through outflow follow-up over HTTP', () => {
  const { kempen, gent, neteland, herentals, ghent, vdab } = fixtureIds();
  const today = brusselsToday();
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);
  async function exitedParticipant(): Promise<string> {
    const id = await fixture.started();
    await http()
      .post(`/participants/${id}/trajectory/end`)
      .set(as('neteland'))
      .send({ on: today, destination: 'NEC_JOB' })
      .expect(200);
    return id;
  }

  beforeAll(async () => {
    fixture = await startFlowThroughFixture({ kempen, gent, neteland, herentals, ghent, vdab });
  });

  afterAll(() => fixture?.close());

  it('describes the follow-up and drop-off endpoints in the OpenAPI document with examples', async () => {
    const response = await http().get('/docs-json').expect(200);

    expect(response.body.paths['/participants/{id}/trajectory/follow-ups'].post).toBeDefined();
    expect(response.body.paths['/participants/{id}/trajectory/drop-off'].post).toBeDefined();
    expect(response.body.components.schemas.RecordFollowUpRequest.properties.immediateStatus.example).toBe('EECR04');
    expect(response.body.components.schemas.DropOffRequest.properties.reasonCode.example).toBe('NOT_REACHED');
  });

  it('records the immediate result, lets the last one count and publishes trajectory.follow-up-recorded', async () => {
    const id = await exitedParticipant();

    await http()
      .post(`/participants/${id}/trajectory/follow-ups`)
      .set(as('neteland'))
      .send({ checkpoint: 'IMMEDIATE', recordedOn: today, immediateStatus: 'EECR01' })
      .expect(200);
    const response = await http()
      .post(`/participants/${id}/trajectory/follow-ups`)
      .set(as('neteland'))
      .send({ checkpoint: 'IMMEDIATE', recordedOn: today, immediateStatus: 'EECR04' })
      .expect(200);

    expect(response.body.exitOn).toBe(today);
    expect(response.body.checkpoints[0]).toMatchObject({
      checkpoint: 'IMMEDIATE',
      open: false,
      result: { immediateStatus: 'EECR04', recordedBy: 'organiser-neteland' },
    });
    expect(response.body.checkpoints.map((c: { checkpoint: string }) => c.checkpoint)).toEqual([
      'IMMEDIATE',
      'SIX_MONTHS',
      'NINE_MONTHS',
    ]);
    const message = await waitForMessage(TOPICS.trajectories, (m) => {
      const envelope = JSON.parse(m.value);
      return (
        envelope.type === 'trajectory.follow-up-recorded' &&
        envelope.data.participantId === id &&
        envelope.data.immediateStatus === 'EECR04'
      );
    });
    expect(JSON.parse(message.value).data).toMatchObject({
      organisationId: neteland,
      regionId: kempen,
      exitOn: today,
      checkpoint: 'IMMEDIATE',
      employed: null,
    });
  });

  it('shows the regional manager the checkpoints and the ESF+ view on the participant', async () => {
    const id = await exitedParticipant();

    const followUps = await http()
      .get(`/participants/${id}/trajectory/follow-ups`)
      .set(as('managerKempen'))
      .expect(200);
    const participant = await http().get(`/participants/${id}`).set(as('managerKempen')).expect(200);

    expect(followUps.body.checkpoints[0]).toMatchObject({ checkpoint: 'IMMEDIATE', open: true, result: null });
    expect(participant.body.esf).toEqual({ startOn: today, exitOn: today, trajectoryCount: 1 });
  });

  it('refuses a six-month result before it is due, as a rule violation', async () => {
    const id = await exitedParticipant();

    const response = await http()
      .post(`/participants/${id}/trajectory/follow-ups`)
      .set(as('neteland'))
      .send({ checkpoint: 'SIX_MONTHS', recordedOn: today, employed: true })
      .expect(422);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('FOLLOW_UP.NOT_DUE_YET');
  });

  it.each([
    ['an immediate result without a status', { checkpoint: 'IMMEDIATE', recordedOn: '2026-01-01' }, 'REQUEST.INVALID'],
    [
      'a status outside EECR01-04',
      { checkpoint: 'IMMEDIATE', recordedOn: '2026-01-01', immediateStatus: 'EECR05' },
      'REQUEST.INVALID',
    ],
    [
      'an immediate result that also says employed',
      { checkpoint: 'IMMEDIATE', recordedOn: '2026-01-01', immediateStatus: 'EECR04', employed: true },
      'FOLLOW_UP.RESULT_MISMATCH',
    ],
    [
      'an unknown field',
      { checkpoint: 'NINE_MONTHS', recordedOn: '2026-01-01', employed: true, note: 'x' },
      'REQUEST.INVALID',
    ],
  ])('answers 400 to %s', async (_what, body, code) => {
    const id = await exitedParticipant();

    const response = await http()
      .post(`/participants/${id}/trajectory/follow-ups`)
      .set(as('neteland'))
      .send(body)
      .expect(400);

    expect(response.body.code).toBe(code);
  });

  it.each([
    ['an organiser of another organisation', 'herentals'],
    ['a manager of another region', 'managerGent'],
  ])('answers 404 to %s reading the follow-up', async (_who, token) => {
    const id = await exitedParticipant();

    await http().get(`/participants/${id}/trajectory/follow-ups`).set(as(token)).expect(404);
  });

  it('answers 404 to an organiser of another organisation recording a result, and records nothing', async () => {
    const id = await exitedParticipant();

    await http()
      .post(`/participants/${id}/trajectory/follow-ups`)
      .set(as('herentals'))
      .send({ checkpoint: 'IMMEDIATE', recordedOn: today, immediateStatus: 'EECR04' })
      .expect(404);

    const after = await http().get(`/participants/${id}/trajectory/follow-ups`).set(as('neteland')).expect(200);
    expect(after.body.checkpoints[0].result).toBeNull();
  });
});
