import { DESTINATIONS, TOPICS } from '@stapsteen/contracts';
import { createTestKeyPair, eventually, mintToken, testToday } from '@stapsteen/testing';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { Replica, call, eventsOnTopic, startReplicas } from './replicas';

/**
 * Two replicas of flow-through, each its own process with its own in-process lock, on one database
 * (ADR 18): conflicting commands on one participant, split over both, end exactly as they would
 * on one instance — one of many "end trajectory" commands wins and is told once to the other
 * services, and every referral that was accepted is kept.
 */
const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const organisation = `org-neteland-${suffix}`;
const partner = `org-vdab-${suffix}`;
const today = testToday();

describe('two replicas of the flow-through service', () => {
  const keys = createTestKeyPair();
  let replicas: Replica[] = [];
  let admin: string;
  let organiser: string;
  let database: MongoClient;

  beforeAll(async () => {
    replicas = await startReplicas('flow-through', 2, keys.publicKeyPem, {
      // Lets a run show that this test needs the claims: VERSION_CLAIMS=off breaks both cases.
      VERSION_CLAIMS: process.env.REPLICA_TEST_VERSION_CLAIMS ?? 'on',
    });
    database = await MongoClient.connect(process.env.MONGODB_URI!);
    admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    organiser = await mintToken(keys.privateKeyPem, {
      sub: 'organiser-neteland',
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    for (const [id, kind] of [
      [organisation, 'WIJK_WERK'],
      [partner, 'VDAB'],
    ]) {
      const saved = await call(replicas[0], 'PUT', '/organisations', admin, {
        id,
        name: `Organisatie ${id}`,
        kind,
        regionId: region,
      });
      expect(saved.status).toBe(200);
    }
  }, 240_000);

  afterAll(async () => {
    await database?.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
  }, 60_000);

  /** A participant of Neteland enrolled through one replica, with the trajectory started today. */
  async function startedParticipant(): Promise<string> {
    const enrolled = await call(replicas[0], 'POST', '/participants', organiser, {
      organisationId: organisation,
      firstName: 'Sofie',
      lastName: 'Verbeeck',
      dateOfBirth: '1987-04-12',
      referralSource: 'VDAB',
    });
    expect(enrolled.status).toBe(201);
    const started = await call(replicas[1], 'POST', `/participants/${enrolled.body.id}/trajectory/start`, organiser, {
      on: today,
    });
    expect(started.status).toBe(200);
    return enrolled.body.id;
  }

  /** Waits until both relays have published the participant's events and taken them out of its document. */
  async function outboxEmptied(participantId: string): Promise<void> {
    await eventually(
      () =>
        database
          .db(replicas[0].database)
          .collection<{ _id: string; outbox: unknown[] }>('participants')
          .findOne({ _id: participantId }),
      (document) => document !== null && document.outbox.length === 0,
      { what: 'the participant outbox emptied by the relays', timeoutMs: 30_000 },
    );
  }

  it('ends each trajectory once when 20 different ends per participant are sent in parallel through both, and tells the other services once', async () => {
    // Four participants at once, each with its own race: a lost race shows in one of them.
    const participants = await Promise.all(Array.from({ length: 4 }, () => startedParticipant()));

    const answers = await Promise.all(
      participants.map((participantId) =>
        Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            call(replicas[i % 2], 'POST', `/participants/${participantId}/trajectory/end`, organiser, {
              on: today,
              destination: DESTINATIONS[i % DESTINATIONS.length],
            }),
          ),
        ),
      ),
    );

    // One end accepted per participant, as on one instance.
    expect(answers.map((each) => each.filter((a) => a.status === 200).length)).toEqual([1, 1, 1, 1]);
    for (const [n, participantId] of participants.entries()) {
      const accepted = answers[n].filter((a) => a.status === 200);
      const refused = answers[n].filter((a) => a.status !== 200);
      expect(refused.map((a) => [a.status, a.body.code])).toEqual(
        Array(19).fill([422, 'TRAJECTORY.INVALID_TRANSITION']),
      );
      const winner = accepted[0].body.trajectories.at(-1);
      expect(winner).toMatchObject({ status: 'ENDED', endedOn: today });

      for (const replica of replicas) {
        const stored = await call(replica, 'GET', `/participants/${participantId}`, organiser);
        expect(stored.status).toBe(200);
        expect(stored.body.trajectories).toHaveLength(1);
        expect(stored.body.trajectories[0]).toEqual(winner);
      }
      await outboxEmptied(participantId);
      const ends = (await eventsOnTopic(TOPICS.trajectories, participantId)).filter(
        (e) => e.type === 'trajectory.ended',
      );
      // A relay may publish an event twice (at least once); consumers drop repeats by event id.
      const told = [...new Map(ends.map((e) => [e.eventId, e])).values()];
      expect(told.map((e) => e.data.destination)).toEqual([winner.destination]);
    }
  }, 180_000);

  it('keeps every one of 20 referrals to a partner sent in parallel through both', async () => {
    const participantId = await startedParticipant();
    const purposes = Array.from({ length: 20 }, (_, i) => `Oriëntatie bij de VDAB, gesprek ${i + 1}`);

    const answers = await Promise.all(
      purposes.map((purpose, i) =>
        call(replicas[i % 2], 'POST', `/participants/${participantId}/trajectory/referrals`, organiser, {
          partnerOrganisationId: partner,
          purpose,
          sentOn: today,
        }),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    await outboxEmptied(participantId);
    for (const replica of replicas) {
      const plan = await call(replica, 'GET', `/participants/${participantId}/trajectory/plan`, organiser);
      expect(plan.status).toBe(200);
      expect(plan.body.referrals.map((r: { purpose: string }) => r.purpose).sort()).toEqual([...purposes].sort());
      expect(plan.body.referrals.every((r: { status: string }) => r.status === 'SENT')).toBe(true);
    }
  }, 120_000);
});
