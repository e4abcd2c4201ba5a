import { createTestKeyPair, eventually, mintToken, testToday } from '@stapsteen/testing';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { Replica, call, feedParticipant, startReplicas, waitForRoster } from './replicas';

/**
 * Two replicas of the coaching service, each its own process with its own in-process lock, on one
 * database (ADR 18): a group session's capacity must hold across them, also while both outbox
 * relays remove the published enrolment events from the session's document.
 */
const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const organisation = `org-neteland-${suffix}`;
const today = testToday();

describe('two replicas of the coaching service', () => {
  const keys = createTestKeyPair();
  let replicas: Replica[] = [];
  let admin: string;
  let coach: string;
  let database: MongoClient;

  beforeAll(async () => {
    replicas = await startReplicas('coaching', 2, keys.publicKeyPem, {
      // Lets a run show that this test needs the claims: VERSION_CLAIMS=off breaks the capacity.
      VERSION_CLAIMS: process.env.REPLICA_TEST_VERSION_CLAIMS ?? 'on',
    });
    database = await MongoClient.connect(process.env.MONGODB_URI!);
    admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    coach = await mintToken(keys.privateKeyPem, {
      sub: 'coach-an',
      role: 'COACH',
      orgIds: [organisation],
      regionId: region,
    });
  }, 240_000);

  afterAll(async () => {
    await database?.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
  }, 60_000);

  it('seats exactly 10 of 20 participants enrolled in parallel through both into a 10-seat session and waiting-lists the rest', async () => {
    const people = await Promise.all(
      Array.from({ length: 20 }, () =>
        feedParticipant({ organisationId: organisation, regionId: region, startedOn: today, coachId: 'coach-an' }),
      ),
    );
    await waitForRoster(replicas[0], admin, people);
    await waitForRoster(replicas[1], admin, people);
    const session = await call(replicas[0], 'POST', '/group-sessions', coach, {
      organisationId: organisation,
      title: 'Op tijd komen en verwittigen',
      competencyCodes: ['STIPTHEID', 'COMMUNICEREN'],
      date: today,
      startTime: '09:30',
      endTime: '12:00',
      place: 'Dienstencentrum De Wending, Geel',
      trainer: 'Els Peeters',
      capacity: 10,
    });
    expect(session.status).toBe(201);

    const answers = await Promise.all(
      people.map((participantId, i) =>
        call(replicas[i % 2], 'POST', `/group-sessions/${session.body.id}/enrolments`, coach, { participantId }).then(
          (answer) => ({ ...answer, replica: i % 2 }),
        ),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const seated = answers.filter((a) => a.body.status === 'ENROLLED');
    const waiting = answers.filter((a) => a.body.status === 'WAITING');
    expect(seated).toHaveLength(10);
    expect(waiting).toHaveLength(10);
    expect(waiting.map((a) => a.body.waitingPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    // Every answer was 201, so each process stored its ten enrolments (a seat or a place on the
    // waiting list): the capacity held across both, whichever of them took the seats.

    // Both relays publish the seats' events and remove them from the session's document; once
    // that is done, the document still holds every enrolment.
    await eventually(
      () =>
        database
          .db(replicas[0].database)
          .collection<{ _id: string; outbox: unknown[] }>('group_sessions')
          .findOne({ _id: session.body.id }),
      (document) => document !== null && document.outbox.length === 0,
      { what: 'the session outbox emptied by the relays', timeoutMs: 30_000 },
    );
    for (const replica of replicas) {
      const stored = await call(replica, 'GET', `/group-sessions/${session.body.id}`, coach);
      expect(stored.status).toBe(200);
      expect(stored.body.seatsLeft).toBe(0);
      expect(stored.body.enrolments.map((e: { participantId: string }) => e.participantId).sort()).toEqual(
        seated.map((a) => a.body.participantId).sort(),
      );
      expect([...stored.body.waitingList].sort()).toEqual(waiting.map((a) => a.body.participantId).sort());
    }
  }, 120_000);
});
