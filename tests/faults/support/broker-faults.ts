/**
 * Helpers of the broker, crash, duplicate and poison suites (broker-faults): Kafka killed and
 * started again on its data, a topic read to its end, an import uploaded and followed, and the
 * expected outcome of a month's hours computed from the inputs alone. The stack and the service
 * processes come from db-faults-stack.ts (one way to start them for the whole fault suite).
 */
import { Admin, Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { PROBE_GROUP_PREFIX, readTopicToEnd, type TopicMessage } from '@stapsteen/testing';
import { callApi } from './db-faults-stack';

// The stack script is CommonJS without types; only these functions are used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stack = require('../../../deploy/local-stack/stack.cjs') as {
  killKafka(options: { profile: string }): Promise<number>;
  restartKafka(options: { profile: string }): Promise<string>;
};

/** How long the broker stays down in an outage: the 10 seconds. */
export const OUTAGE_MS = 10_000;

export interface Outage {
  /** When Kafka was killed and when it answered again, from performance.now(). */
  killedAt: number;
  backAt: number;
}

/**
 * A broker outage of `OUTAGE_MS`: Kafka SIGKILLed, `during` run while it is down (what the
 * services are asked to do without a broker), then Kafka started again on the same data once the
 * outage has lasted its length. The wait is the length of the fault being injected, not a wait
 * for an outcome: every outcome is awaited afterwards with `eventually`.
 */
export async function brokerOutage<T>(during: () => Promise<T>): Promise<{ outage: Outage; result: T }> {
  await stack.killKafka({ profile: 'test' });
  const killedAt = performance.now();
  const result = await during();
  const left = OUTAGE_MS - (performance.now() - killedAt);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  await stack.restartKafka({ profile: 'test' });
  return { outage: { killedAt, backAt: performance.now() }, result };
}

export type { TopicMessage };

function kafka(): Kafka {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is set by startFaultStack');
  return new Kafka({ clientId: 'faults-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

/** Every message on `topic` from its beginning to its end at the time of the call, in partition order. */
export function readTopic(topic: string): Promise<TopicMessage[]> {
  if (!process.env.KAFKA_BROKERS) throw new Error('KAFKA_BROKERS is set by startFaultStack');
  return readTopicToEnd(topic, 60_000);
}

/** The envelopes on `topic` (parsed), e.g. to see which events reached the broker. */
export async function envelopesOn(
  topic: string,
): Promise<Array<{ eventId: string; type: string; participantId: string; data: Record<string, any> }>> {
  return (await readTopic(topic)).map((message) => JSON.parse(message.value));
}

/** One prestation row of a CSV import. */
export interface CsvRow {
  participantId: string;
  date: string;
  minutes: number;
}

/** The CSV an organiser uploads (Dutch headers, Belgian dates). */
export function csvOf(rows: CsvRow[]): string {
  const belgian = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  return [
    'deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit;km',
    ...rows.map(
      (r, i) => `${r.participantId};${belgian(r.date)};${r.minutes};School;GBS De Klimop ${i};Middagtoezicht;`,
    ),
  ].join('\n');
}

/** Uploads a CSV import; answers the job (202) or the problem. */
export async function uploadImport(
  hoursUrl: string,
  token: string,
  organisationId: string,
  csv: string,
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('organisationId', organisationId);
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'prestaties.csv');
  const response = await fetch(`${hoursUrl}/imports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

/** An import's job as GET /imports/{id} answers it. */
export async function importJob(hoursUrl: string, token: string, id: string): Promise<any> {
  const response = await callApi(hoursUrl, 'GET', `/imports/${id}`, token);
  if (response.status !== 200)
    throw new Error(`GET /imports/${id}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Counted hours per participant and month from the rows alone: each prestation counts its
 * started hours (ceil(minutes / 60)), as the programme's rules say (docs/domain.md).
 */
export function countedHoursFrom(rows: CsvRow[]): Map<string, Map<string, number>> {
  const hours = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const month = row.date.slice(0, 7);
    const perMonth = hours.get(row.participantId) ?? new Map<string, number>();
    perMonth.set(month, (perMonth.get(month) ?? 0) + Math.ceil(row.minutes / 60));
    hours.set(row.participantId, perMonth);
  }
  return hours;
}

/**
 * The participants flagged at the close of the last of `months` (closed in order, the first one
 * the participant's first closed month), by the default rule with a participant's own target:
 * below target in each of the last two closed months (flagAfterMonthsBelow 2). With only two
 * closed months neither the falling trend (three months) nor a flag kept from the month before
 * (nobody can be flagged after one month) applies.
 */
export function flaggedAfterTwoCloses(
  participants: string[],
  hours: Map<string, Map<string, number>>,
  months: [string, string],
  target: number,
): Set<string> {
  return new Set(participants.filter((p) => months.every((month) => (hours.get(p)?.get(month) ?? 0) < target)));
}

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be read again. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every document of every collection of `databases`, sorted by _id: what the services' read models hold. */
export async function snapshotDatabases(
  mongoUri: string,
  databases: string[],
  skipCollections: string[] = [],
): Promise<Record<string, Record<string, unknown[]>>> {
  const client = await MongoClient.connect(mongoUri);
  try {
    const snapshot: Record<string, Record<string, unknown[]>> = {};
    for (const name of databases) {
      const db = client.db(name);
      snapshot[name] = {};
      const collections = (await db.listCollections({}, { nameOnly: true }).toArray())
        .map((c) => c.name)
        .filter((c) => !skipCollections.includes(c))
        .sort();
      for (const collection of collections) {
        const documents = await db.collection(collection).find({}).toArray();
        snapshot[name][collection] = documents.sort((a, b) => (JSON.stringify(a._id) < JSON.stringify(b._id) ? -1 : 1));
      }
    }
    return snapshot;
  } finally {
    await client.close();
  }
}

/** The current end of every partition of `topics`, as `topic:partition` → offset. */
export async function topicEnds(topics: string[]): Promise<Map<string, number>> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const ends = new Map<string, number>();
    for (const topic of topics) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic))
        ends.set(`${topic}:${partition}`, Number(high));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Whether every consumer group of the services (all groups but this suite's readers) has
 * committed, on every partition of `topics` it consumes, the end the partition has now: every
 * message up to now has been handled. A group consumes a topic when it has committed an offset
 * on one of its partitions.
 */
export async function consumersCaughtUp(topics: string[]): Promise<{ caughtUp: boolean; behind: string[] }> {
  const ends = await topicEnds(topics);
  const admin = kafka().admin();
  await admin.connect();
  try {
    const groups = await serviceGroups(admin);
    const behind: string[] = [];
    for (const groupId of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        if (partitions.every((p) => Number(p.offset) < 0)) continue;
        for (const p of partitions) {
          const end = ends.get(`${topic}:${p.partition}`) ?? 0;
          if (Math.max(Number(p.offset), 0) < end) behind.push(`${groupId} ${topic}:${p.partition} ${p.offset}/${end}`);
        }
      }
    }
    return { caughtUp: behind.length === 0, behind };
  } finally {
    await admin.disconnect();
  }
}

/** The consumer groups on the broker but the tests' own readers. */
async function serviceGroups(admin: Admin): Promise<string[]> {
  return (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => !g.startsWith(PROBE_GROUP_PREFIX));
}

/** Sends `messages` again to their topic, unchanged (key, value, headers): a redelivery of each. */
export async function replay(topic: string, messages: TopicMessage[]): Promise<void> {
  const producer = kafka().producer();
  await producer.connect();
  try {
    for (let start = 0; start < messages.length; start += 500) {
      await producer.send({
        topic,
        acks: -1,
        messages: messages.slice(start, start + 500).map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** The consumer groups (of the services) that have committed an offset on `topic`: its consumers. */
export async function groupsConsuming(topic: string): Promise<string[]> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const groups = await serviceGroups(admin);
    const consuming: string[] = [];
    for (const groupId of groups) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      if (offsets.partitions.some((p) => Number(p.offset) >= 0)) consuming.push(groupId);
    }
    return consuming.sort();
  } finally {
    await admin.disconnect();
  }
}
