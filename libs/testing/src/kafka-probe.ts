import { randomUUID } from 'node:crypto';
import { ensureTopics } from '@stapsteen/messaging';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';

export interface ReadMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * The consumer groups of the test's own readers start with this, so that a check of the services'
 * consumer groups (lag, who consumes a topic) can leave them out.
 */
export const PROBE_GROUP_PREFIX = 'test-probe-';

function kafka(): Kafka {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is set by the integration global set-up');
  return new Kafka({ clientId: 'test-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

function toRead(message: KafkaMessage): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
  return { key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers };
}

/** Creates the topic if a test reaches it before any service did; harmless when it exists. */
async function ensureTopic(topic: string): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [{ topic, numPartitions: 3 }]);
  } finally {
    await admin.disconnect();
  }
}

/** Reads a topic from the beginning with a fresh group until a message matches, or times out. */
export async function waitForMessage(
  topic: string,
  matches: (message: ReadMessage) => boolean,
  timeoutMs = 20000,
): Promise<ReadMessage> {
  const consumer = kafka().consumer({
    groupId: `${PROBE_GROUP_PREFIX}${randomUUID()}`,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
  });
  await ensureTopic(topic);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<ReadMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message on ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const read = toRead(message);
            if (matches(read)) {
              clearTimeout(timer);
              resolve(read);
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Sends raw messages, e.g. a redelivery or a malformed event, as another producer would. */
export async function sendRaw(
  topic: string,
  messages: Array<{ key: string; value: string; headers?: Record<string, string> }>,
) {
  await ensureTopic(topic);
  const producer = kafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Commits the current end of every topic for a consumer group that has not started yet, so that a
 * service booted for one test consumes what is published from now on instead of replaying every
 * event the run's earlier tests published (thousands late in a run, each applied to a fresh
 * database: the reason a cross-service test could wait 20 s for its own event on a busy machine).
 * The service still subscribes "from the beginning": that only applies to a group without
 * committed offsets, as in production.
 */
export async function startGroupAtTopicEnds(groupId: string): Promise<void> {
  const client = kafka();
  const admin = client.admin();
  await admin.connect();
  let ends: Array<{ topic: string; partition: number; offset: string }>;
  try {
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    ends = (
      await Promise.all(
        topics.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ topic, partition, offset: high })),
        ),
      )
    ).flat();
  } finally {
    await admin.disconnect();
  }
  if (ends.length === 0) return;
  // What kafkajs' admin.setOffsets does for one topic (a paused member that seeks, then leaves
  // committing the positions), for all topics at once and without its 5 s fetch wait per topic.
  const consumer = client.consumer({ groupId, maxWaitTimeInMs: 50, sessionTimeout: 6000, heartbeatInterval: 500 });
  await consumer.connect();
  try {
    const topics = [...new Set(ends.map((end) => end.topic))];
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const stopFetching = consumer.on(consumer.events.FETCH, () => {
        stopFetching();
        consumer.stop().then(resolve, reject);
      });
      consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
      consumer.pause(topics.map((topic) => ({ topic })));
      for (const { topic, partition, offset } of ends) consumer.seek({ topic, partition, offset });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** A message read by `readTopicsToEnd`, where it stands and what it holds. */
export interface TopicMessage extends ReadMessage {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Every message on `topics`, read with a fresh consumer group from the start of each partition to
 * its end at the time of the call (what any consumer of these topics has been told so far), in
 * partition order; throws if that is not read within `timeoutMs`. A topic nobody wrote to yet is
 * created and read as empty.
 */
export async function readTopicsToEnd(topics: readonly string[], timeoutMs = 60_000): Promise<TopicMessage[]> {
  const client = kafka();
  const admin = client.admin();
  await admin.connect();
  const pending = new Map<string, number>();
  try {
    await ensureTopics(
      admin,
      topics.map((topic) => ({ topic, numPartitions: 3 })),
    );
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (Number(high) > Number(low)) pending.set(`${topic}/${partition}`, Number(high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const found: TopicMessage[] = [];
  if (pending.size === 0) return found;
  const consumer = client.consumer({
    groupId: `${PROBE_GROUP_PREFIX}${randomUUID()}`,
    maxWaitTimeInMs: 100,
    sessionTimeout: 30_000,
    heartbeatInterval: 1000,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not read to their ends within ${timeoutMs} ms: ${[...pending.keys()].join(', ')}`)),
        timeoutMs,
      );
      consumer
        .run({
          eachBatch: async ({ batch, heartbeat }) => {
            const key = `${batch.topic}/${batch.partition}`;
            const end = pending.get(key);
            for (const message of batch.messages) {
              if (end === undefined || Number(message.offset) >= end) break;
              found.push({
                topic: batch.topic,
                partition: batch.partition,
                offset: message.offset,
                ...toRead(message),
              });
              if (Number(message.offset) + 1 >= end) pending.delete(key);
            }
            await heartbeat();
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/** `readTopicsToEnd` of one topic. */
export function readTopicToEnd(topic: string, timeoutMs = 60_000): Promise<TopicMessage[]> {
  return readTopicsToEnd([topic], timeoutMs);
}
