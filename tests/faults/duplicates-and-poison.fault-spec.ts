import { EVENT_DEFINITIONS, TOPICS, deadLetterTopic } from '@stapsteen/contracts';
import { createTestKeyPair, envelopeText, eventually, mintToken, monthsAgo, sendRaw } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import {
  TopicMessage,
  consumersCaughtUp,
  groupsConsuming,
  readTopic,
  replay,
  snapshotDatabases,
  topicEnds,
} from './support/broker-faults';
import { FaultStack, ServiceProcess, callApi, startFaultStack, startServiceProcess } from './support/db-faults-stack';
import { driveEveryEvent } from './support/every-event';

const EVENT_TOPICS = Object.values(TOPICS) as string[];

/**
 * What a duplicate may change: nothing a reader sees. Left out are the version claims (every
 * write takes one), the write counters (`version`) and the versions a figure was derived from
 * (`derivedFrom`): bookkeeping of a write, not content. Payloads stored as JSON text are compared
 * as what they hold.
 */
function content(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      return content(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(content);
  if (value && typeof value === 'object' && !(value instanceof Date) && value.constructor === Object) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'version' && key !== 'derivedFrom')
        .map(([key, inner]) => [key, content(inner)]),
    );
  }
  return value;
}

/**
 * Duplicates and poison (issue 15). A duplicate of every event type of libs/contracts, produced
 * by the services' own APIs and handled once by every consumer, is delivered again: the three
 * services' databases hold the same content afterwards. A message that can never be processed
 * goes to the topic's dead-letter topic with its reason, and the consumer applies the good
 * message behind it on the same partition.
 */
describe('duplicates change nothing, poison is set aside', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region = `region-kempen-${suffix}`;
  const organisation = `org-neteland-${suffix}`;
  const tokens: Record<string, string> = {};
  let stack: FaultStack;
  let flowThrough: ServiceProcess;
  let hours: ServiceProcess;
  let coaching: ServiceProcess;
  let people: Awaited<ReturnType<typeof driveEveryEvent>>;

  const caughtUp = (what: string) =>
    eventually(
      () => consumersCaughtUp([...EVENT_TOPICS, ...EVENT_TOPICS.map((t) => deadLetterTopic(t))]),
      (r) => r.caughtUp,
      { what, timeoutMs: 180_000, intervalMs: 500 },
    );

  beforeAll(async () => {
    stack = await startFaultStack('duplicates-and-poison');
    const long = { expiresInSeconds: 3600 };
    tokens.admin = await mintToken(
      keys.privateKeyPem,
      { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null },
      long,
    );
    tokens.organiser = await mintToken(
      keys.privateKeyPem,
      { sub: 'organiser', role: 'ORGANISER', orgIds: [organisation], regionId: region },
      long,
    );
    tokens.coach = await mintToken(
      keys.privateKeyPem,
      { sub: 'coach-an', role: 'COACH', orgIds: [organisation], regionId: region },
      long,
    );
    [flowThrough, hours, coaching] = await Promise.all([
      startServiceProcess('flow-through', keys.publicKeyPem),
      startServiceProcess('hours', keys.publicKeyPem, { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' }),
      startServiceProcess('coaching', keys.publicKeyPem, { COACHING_BASELINE_DUE_DAYS: '365' }),
    ]);
    people = await driveEveryEvent(
      { flowThrough: flowThrough.url, hours: hours.url, coaching: coaching.url },
      { admin: tokens.admin, organiser: tokens.organiser, coach: tokens.coach },
      organisation,
      region,
    );
  });

  afterAll(async () => {
    await Promise.all([flowThrough?.stop(), hours?.stop(), coaching?.stop()]);
    await stack?.down();
  });

  it('leaves every read model as it was when every message of every event type arrives a second time', async () => {
    await caughtUp('every consumer to have handled the programme year');
    const databases = [flowThrough.database, hours.database, coaching.database];
    const before = content(await snapshotDatabases(stack.mongoUri, databases, ['aggregate_claims']));
    const handled = new Map<string, TopicMessage[]>();
    for (const topic of EVENT_TOPICS) handled.set(topic, await readTopic(topic));
    const types = new Set(
      [...handled.values()].flat().map((message) => (JSON.parse(message.value) as { type: string }).type),
    );
    // Every event type of the contracts is among the duplicates.
    expect([...types].sort()).toEqual([...new Set(EVENT_DEFINITIONS.map((d) => d.type))].sort());

    const endsBefore = await topicEnds(EVENT_TOPICS);
    let replayed = 0;
    for (const [topic, messages] of handled) {
      await replay(topic, messages);
      replayed += messages.length;
    }
    await caughtUp('every consumer to have handled the duplicates');
    const after = content(await snapshotDatabases(stack.mongoUri, databases, ['aggregate_claims']));
    expect(after).toEqual(before);
    // Handling the duplicates published nothing: the topics hold the originals and the duplicates only.
    const endsAfter = await topicEnds(EVENT_TOPICS);
    const grown = [...endsAfter].reduce((sum, [partition, end]) => sum + end - (endsBefore.get(partition) ?? 0), 0);
    expect(grown).toBe(replayed);
    for (const topic of EVENT_TOPICS) expect(await readTopic(deadLetterTopic(topic))).toEqual([]);
    process.stderr.write(`[faults] duplicates: ${replayed} messages of ${types.size} event types delivered twice\n`);
  });

  it('sets a message that can never be processed aside with its reason, and applies the good one behind it', async () => {
    const participantId = people.flagged;
    const poisons = [
      { topic: TOPICS.participants, value: '{"not": "an envelope"' },
      {
        topic: TOPICS.participants,
        // An envelope whose payload breaks its contract (no organisation, a target of -3 hours).
        value: envelopeText(participantId, 'participant.updated', 'flow-through', {
          participantId,
          monthlyHoursTarget: -3,
        }),
      },
      {
        topic: TOPICS.hours,
        value: envelopeText(participantId, 'participant.low-hours-flagged', 'hours', {
          participantId,
          organisationId: organisation,
          regionId: region,
          month: 'not-a-month',
          countedHours: 2,
          targetHours: 20,
          consecutiveMonthsBelow: 2,
          fallingTrend: false,
          severity: 'EXTREME',
        }),
      },
    ];
    const deadBefore = new Map<string, number>();
    for (const topic of [TOPICS.participants, TOPICS.hours]) {
      deadBefore.set(topic, (await readTopic(deadLetterTopic(topic))).length);
    }
    // Each poison is followed on its partition (same key) by a good message that must be applied:
    // a new coach and target for hours and coaching, a new low-hours flag for coaching and alerts.
    const goodUpdate = envelopeText(participantId, 'participant.updated', 'flow-through', {
      participantId,
      organisationId: organisation,
      regionId: region,
      displayName: 'Lotte D.',
      coachId: 'coach-bram',
      monthlyHoursTarget: 31,
      exPwa: false,
    });
    const goodFlag = envelopeText(participantId, 'participant.low-hours-flagged', 'hours', {
      participantId,
      organisationId: organisation,
      regionId: region,
      month: monthsAgo(0),
      countedHours: 2,
      targetHours: 31,
      consecutiveMonthsBelow: 2,
      fallingTrend: false,
      severity: 'HIGH',
    });
    await sendRaw(TOPICS.participants, [
      { key: participantId, value: poisons[0].value },
      { key: participantId, value: poisons[1].value },
      { key: participantId, value: goodUpdate },
    ]);
    await sendRaw(TOPICS.hours, [
      { key: participantId, value: poisons[2].value },
      { key: participantId, value: goodFlag },
    ]);

    // The consumers carried on: the good messages behind the poison are applied.
    await eventually(
      () => callApi(hours.url, 'GET', '/participants', tokens.admin),
      (r) =>
        r.status === 200 && r.body.some((p: any) => p.participantId === participantId && p.monthlyHoursTarget === 31),
      { what: 'the update behind the poison applied by hours', timeoutMs: 60_000 },
    );
    await eventually(
      () => callApi(coaching.url, 'GET', '/participants', tokens.admin),
      (r) =>
        r.status === 200 &&
        r.body.some((p: any) => p.participantId === participantId && p.coachId === 'coach-bram' && p.lowHours?.flagged),
      { what: 'the update and the flag behind the poison applied by coaching', timeoutMs: 60_000 },
    );
    const alert = await eventually(
      () => callApi(flowThrough.url, 'GET', `/alerts/${participantId}/LOW_HOURS`, tokens.admin),
      (r) => r.status === 200 && r.body.status === 'OPEN',
      { what: 'the flag behind the poison applied by flow-through as an open alert', timeoutMs: 60_000 },
    );
    expect(alert.body.severity).toBe('HIGH');

    // Each consumer of a topic set each poison aside once, with its reason and cause.
    await caughtUp('every consumer past the poison');
    const consumers = {
      participants: await groupsConsuming(TOPICS.participants),
      hours: await groupsConsuming(TOPICS.hours),
    };
    const letters = {
      participants: (await readTopic(deadLetterTopic(TOPICS.participants))).slice(deadBefore.get(TOPICS.participants)),
      hours: (await readTopic(deadLetterTopic(TOPICS.hours))).slice(deadBefore.get(TOPICS.hours)),
    };
    process.stderr.write(`[faults] poison consumers: ${JSON.stringify(consumers)}\n`);
    for (const letter of [...letters.participants, ...letters.hours]) {
      expect(letter.key).toBe(participantId);
      expect(letter.headers['x-dead-letter-reason']?.length).toBeGreaterThan(0);
      expect(letter.headers['x-dead-letter-cause']).toBe('invalid');
      expect(letter.headers['x-dead-letter-attempts']).toBeDefined();
    }
    const count = (list: TopicMessage[], value: string) => list.filter((l) => l.value === value).length;
    expect(count(letters.participants, poisons[0].value)).toBe(consumers.participants.length);
    expect(count(letters.participants, poisons[1].value)).toBe(consumers.participants.length);
    expect(count(letters.hours, poisons[2].value)).toBe(consumers.hours.length);
    expect(letters.participants.length + letters.hours.length).toBe(
      2 * consumers.participants.length + consumers.hours.length,
    );
    process.stderr.write(
      `[faults] poison: ${poisons.length} messages, ${letters.participants.length + letters.hours.length} dead letters\n`,
    );
  });
});
