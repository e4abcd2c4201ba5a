import { INestApplication } from '@nestjs/common';
import { TOPICS } from '@stapsteen/contracts';
import { createTestKeyPair, mintToken, startTestService, waitForMessage } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../app.module';

describe('flow-through referral drop-off over HTTP', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const kempen = `region-kempen-${suffix}`;
  const gent = `region-gent-${suffix}`;
  const neteland = `org-neteland-${suffix}`;
  const herentals = `org-herentals-${suffix}`;
  const ghent = `org-gent-${suffix}`;
  const tokens: Record<string, string> = {};
  let app: INestApplication;

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  // The service dates by the Belgian calendar; the tests do the same so "today" never lies ahead.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());

  async function enrol(): Promise<string> {
    const response = await request(app.getHttpServer())
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
    return response.body.id;
  }

  beforeAll(async () => {
    app = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
    const mint = (sub: string, role: string, orgIds: string[], regionId: string | null) =>
      mintToken(keys.privateKeyPem, { sub, role, orgIds, regionId });
    tokens.admin = await mint('admin', 'ADMIN', [], null);
    tokens.neteland = await mint('organiser-neteland', 'ORGANISER', [neteland], kempen);
    tokens.herentals = await mint('organiser-herentals', 'ORGANISER', [herentals], kempen);
    tokens.gent = await mint('organiser-gent', 'ORGANISER', [ghent], gent);
    tokens.managerGent = await mint('manager-gent', 'REGIONAL_MANAGER', [], gent);
    for (const [id, regionId] of [
      [neteland, kempen],
      [herentals, kempen],
      [ghent, gent],
    ]) {
      await request(app.getHttpServer())
        .put('/organisations')
        .set(as('admin'))
        .send({ id, name: `Wijk-werken ${id}`, kind: 'WIJK_WERK', regionId })
        .expect(200);
    }
  });

  afterAll(() => app?.close());

  it('closes the referral with its reason and publishes trajectory.referral-dropped to Kafka', async () => {
    const id = await enrol();

    const response = await request(app.getHttpServer())
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
    await request(app.getHttpServer())
      .post(`/participants/${id}/trajectory/start`)
      .set(as('neteland'))
      .send({ on: today })
      .expect(200);

    const response = await request(app.getHttpServer())
      .post(`/participants/${id}/trajectory/drop-off`)
      .set(as('neteland'))
      .send({ droppedOn: today, reasonCode: 'OTHER' })
      .expect(422);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('TRAJECTORY.INVALID_TRANSITION');
  });

  it('refuses a reason outside the list and an unknown field as problem details', async () => {
    const id = await enrol();

    const response = await request(app.getHttpServer())
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

    await request(app.getHttpServer())
      .post(`/participants/${id}/trajectory/drop-off`)
      .set(as(token))
      .send({ droppedOn: today, reasonCode: 'NOT_REACHED' })
      .expect(404);

    await request(app.getHttpServer()).get(`/participants/${id}`).set(as('managerGent')).expect(404);
    const after = await request(app.getHttpServer()).get(`/participants/${id}`).set(as('neteland')).expect(200);
    expect(after.body.trajectories.at(-1).status).toBe('REFERRED');
  });
});
