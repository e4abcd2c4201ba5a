import { INestApplication } from '@nestjs/common';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import {
  createTestKeyPair,
  eventually,
  mintToken,
  sendRaw,
  startTestService,
  testToday,
  waitForMessage,
} from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { Connection } from 'mongoose';
import { getConnectionToken } from '@nestjs/mongoose';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

/**
 * Flow-through and hours share nothing but the Kafka broker: each has its own database. A
 * participant enrolled in flow-through can only reach the hours service's roster through its
 * outbox, the relay and the real topic.
 */
describe('a participant enrolled in flow-through reaches the hours service over Kafka', () => {
  const keys = createTestKeyPair();
  const region = `region-${randomUUID().slice(0, 8)}`;
  const organisation = `org-${randomUUID().slice(0, 8)}`;
  let flowThrough: INestApplication;
  let hours: INestApplication;
  let admin: string;
  let organiser: string;

  beforeAll(async () => {
    [flowThrough, hours] = await Promise.all([
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
    ]);
    admin = await mintToken(keys.privateKeyPem, { sub: 'admin-1', role: 'ADMIN', orgIds: [], regionId: null });
    organiser = await mintToken(keys.privateKeyPem, {
      sub: 'organiser-1',
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    await request(flowThrough.getHttpServer())
      .put('/organisations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ id: organisation, name: 'Wijk-werken Neteland', kind: 'WIJK_WERK', regionId: region })
      .expect(200);
  });

  afterAll(async () => {
    await Promise.all([flowThrough?.close(), hours?.close()]);
  });

  async function enrol(firstName: string, lastName: string): Promise<string> {
    const response = await request(flowThrough.getHttpServer())
      .post('/participants')
      .set('Authorization', `Bearer ${organiser}`)
      .send({ organisationId: organisation, firstName, lastName, dateOfBirth: '1987-04-12', referralSource: 'VDAB' })
      .expect(201);
    return response.body.id as string;
  }

  async function hoursRoster(): Promise<Array<{ participantId: string; displayName: string }>> {
    const response = await request(hours.getHttpServer())
      .get('/participants')
      .set('Authorization', `Bearer ${organiser}`)
      .expect(200);
    return response.body;
  }

  function rosterDocument(participantId: string) {
    const connection = hours.get<Connection>(getConnectionToken());
    return connection
      .collection<{ _id: string; appliedEventIds: string[] }>('participant_roster')
      .findOne({ _id: participantId });
  }

  it('shows the new participant in the hours roster, with a display name but no full last name', async () => {
    const participantId = await enrol('Sofie', 'Verbeeck');

    const roster = await eventually(hoursRoster, (rows) => rows.some((r) => r.participantId === participantId), {
      what: 'the participant in the hours roster',
    });

    expect(roster.find((r) => r.participantId === participantId)).toMatchObject({
      organisationId: organisation,
      regionId: region,
      displayName: 'Sofie V.',
    });
  });

  it('lets the hours service accept prestations once the trajectory started in flow-through', async () => {
    const participantId = await enrol('Ahmed', 'Benali');
    const today = testToday();
    const prestation = {
      participantId,
      date: today,
      minutes: 150,
      gebruiker: { kind: 'LOCAL_GOVERNMENT', reference: 'Gemeente Nijlen' },
      activity: 'Zwerfvuil ruimen',
    };
    await eventually(hoursRoster, (rows) => rows.some((r) => r.participantId === participantId), {
      what: 'the enrolment in hours',
    });

    const refused = await request(hours.getHttpServer())
      .post('/prestations')
      .set('Authorization', `Bearer ${organiser}`)
      .send(prestation);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('HOURS.NO_ACTIVE_TRAJECTORY');

    await request(flowThrough.getHttpServer())
      .post(`/participants/${participantId}/trajectory/start`)
      .set('Authorization', `Bearer ${organiser}`)
      .send({ on: today })
      .expect(200);

    const accepted = await eventually(
      () =>
        request(hours.getHttpServer())
          .post('/prestations')
          .set('Authorization', `Bearer ${organiser}`)
          .send(prestation),
      (response) => response.status === 201,
      { what: 'the prestation accepted after the trajectory started' },
    );
    expect(accepted.body.prestation.countedHours).toBe(3);
  });

  it('passes a new coach on to hours, and an erasure makes hours drop the participant', async () => {
    const participantId = await enrol('Nadia', 'Mertens');
    await eventually(hoursRoster, (rows) => rows.some((r) => r.participantId === participantId), {
      what: 'the enrolment in hours',
    });

    await request(flowThrough.getHttpServer())
      .patch(`/participants/${participantId}`)
      .set('Authorization', `Bearer ${organiser}`)
      .send({ coachId: 'coach-bram', monthlyHoursTarget: 25 })
      .expect(200);
    await eventually(
      hoursRoster,
      (rows) =>
        rows.some((r) => r.participantId === participantId && (r as { coachId?: string }).coachId === 'coach-bram'),
      { what: 'the new coach in hours' },
    );

    const erased = await request(flowThrough.getHttpServer())
      .post(`/participants/${participantId}/erasure`)
      .set('Authorization', `Bearer ${organiser}`)
      .expect(200);
    expect(erased.body).toMatchObject({ firstName: 'Geanonimiseerd', dateOfBirth: null });
    await eventually(hoursRoster, (rows) => !rows.some((r) => r.participantId === participantId), {
      what: 'the participant gone from the hours roster',
    });
    const stored = await rosterDocument(participantId);
    expect(stored).toMatchObject({ displayName: '' });
  });

  it('empties the outbox once the broker has acknowledged the event', async () => {
    const participantId = await enrol('Youssef', 'El Amrani');
    const connection = flowThrough.get<Connection>(getConnectionToken());

    const document = await eventually(
      () => connection.collection<{ _id: string; outbox: unknown[] }>('participants').findOne({ _id: participantId }),
      (doc) => doc !== null && doc.outbox.length === 0,
      { what: 'an empty outbox' },
    );

    expect(document?.outbox).toEqual([]);
    const published = await waitForMessage(TOPICS.participants, (m) => m.key === participantId);
    expect(JSON.parse(published.value)).toMatchObject({
      type: 'participant.enrolled',
      participantId,
      producer: 'flow-through',
    });
  });

  it('applies an event delivered twice only once', async () => {
    const participantId = await enrol('Marie', 'Claes');
    const original = await waitForMessage(TOPICS.participants, (m) => m.key === participantId);
    await eventually(
      () => rosterDocument(participantId),
      (doc) => doc !== null,
      { what: 'the first delivery applied' },
    );

    // The same message again, then a later event for the same participant (same key, same
    // partition, so it is consumed after the duplicate): once the later one shows, the duplicate
    // has been processed.
    const update = createEnvelope({
      type: 'participant.updated',
      version: 1,
      producer: 'flow-through',
      participantId,
      correlationId: randomUUID(),
      data: {
        participantId,
        organisationId: organisation,
        regionId: region,
        displayName: 'Marie C.',
        coachId: 'coach-7',
        monthlyHoursTarget: 25,
        exPwa: false,
      },
    });
    await sendRaw(TOPICS.participants, [
      { key: participantId, value: original.value, headers: original.headers },
      { key: participantId, value: JSON.stringify(update) },
    ]);

    const document = await eventually(
      () => rosterDocument(participantId),
      (doc) => doc?.appliedEventIds.includes(update.eventId) ?? false,
      {
        what: 'the update after the duplicate',
      },
    );
    const originalId = JSON.parse(original.value).eventId as string;
    expect(document?.appliedEventIds.filter((id) => id === originalId)).toHaveLength(1);
    expect(document?.appliedEventIds).toHaveLength(2);
  });

  it('sends an event that can never be processed to the dead-letter topic and goes on', async () => {
    const participantId = randomUUID();
    const envelope = (data: object) =>
      createEnvelope({
        type: 'participant.enrolled',
        version: 1,
        producer: 'flow-through',
        participantId,
        correlationId: randomUUID(),
        data,
      });
    const broken = envelope({ participantId });
    const valid = envelope({
      participantId,
      organisationId: organisation,
      regionId: region,
      displayName: 'Tom J.',
      referralSource: 'OCMW',
      coachId: null,
      monthlyHoursTarget: null,
      exPwa: false,
      enrolledOn: '2026-11-02',
    });

    // Same key, so the valid event waits behind the broken one on the same partition.
    await sendRaw(TOPICS.participants, [
      { key: participantId, value: JSON.stringify(broken) },
      { key: participantId, value: JSON.stringify(valid) },
    ]);

    const letter = await waitForMessage(`${TOPICS.participants}.dlt`, (m) => m.key === participantId);
    expect(letter.headers['x-dead-letter-reason']).toMatch(/data\.organisationId/);
    expect(JSON.parse(letter.value).eventId).toBe(broken.eventId);
    await eventually(hoursRoster, (rows) => rows.some((r) => r.participantId === participantId), {
      what: 'the valid event behind the broken one applied',
    });
  });
});
