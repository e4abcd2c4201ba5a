import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Principal } from '@stapsteen/auth';
import { createTestKeyPair, eventually, mintToken, startTestService } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../app.module';
import { ChangeTrajectoryHandler } from './application/change-trajectory';
import { PARTICIPANTS_COLLECTION } from './application/participant-writer';

/**
 * The outbox's own contract check with the real repository: a use case whose event its contract
 * refuses (reached here below the HTTP layer, whose DTOs refuse the same date first) stores nothing.
 */
describe('an event that breaks its contract, against the real database', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region = `region-kempen-${suffix}`;
  const organisation = `org-neteland-${suffix}`;
  const principal: Principal = {
    userId: 'organiser-neteland',
    role: 'ORGANISER',
    organisationIds: [organisation],
    regionId: region,
  };
  let app: INestApplication;
  let organiser: string;

  beforeAll(async () => {
    app = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
    const admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    organiser = await mintToken(keys.privateKeyPem, {
      sub: principal.userId,
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    await request(app.getHttpServer())
      .put('/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ id: organisation, name: `Wijk-werken ${suffix}`, kind: 'WIJK_WERK', regionId: region })
      .expect(200);
  });

  afterAll(() => app?.close());

  it('refuses a trajectory start on 2026-02-31 with EVENT.INVALID and leaves the document as it was', async () => {
    const enrolled = await request(app.getHttpServer())
      .post('/participants')
      .set('Authorization', `Bearer ${organiser}`)
      .send({
        organisationId: organisation,
        firstName: 'Sofie',
        lastName: 'Verbeeck',
        dateOfBirth: '1987-04-12',
        referralSource: 'VDAB',
        enrolledOn: '2026-01-05',
      })
      .expect(201);
    const participants = app.get<Connection>(getConnectionToken()).collection(PARTICIPANTS_COLLECTION);
    const id = enrolled.body.id as string;
    // The relay's removal of the enrolment's published event is a version step of its own (a
    // claimed write, ADR 18): wait until it is done, so the only writer left is the refused start.
    await eventually(
      () => participants.findOne({ _id: id as never }),
      (document) => ((document?.outbox ?? []) as unknown[]).length === 0,
      { what: "the enrolment's event published and removed from the outbox" },
    );
    const stored = async () => (await participants.findOne({ _id: id as never }))!;
    const before = await stored();

    await expect(
      app.get(ChangeTrajectoryHandler).execute(principal, id, { kind: 'start', on: '2026-02-31' }),
    ).rejects.toMatchObject({ status: 500, response: { code: 'EVENT.INVALID', eventType: 'trajectory.started@v1' } });

    expect(await stored()).toEqual(before);
    const outbox = ((await participants.findOne({ _id: id as never }))?.outbox ?? []) as { type: string }[];
    expect(outbox.map((entry) => entry.type)).not.toContain('trajectory.started@v1');
  });
});
