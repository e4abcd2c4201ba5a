import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface TopicMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * Every message on `topics`, read with a fresh consumer group from the start of each partition to
 * its end at the time of the call: what any consumer of these topics has ever been told in this run.
 */
export async function readWholeTopics(topics: readonly string[], timeoutMs = 120_000): Promise<TopicMessage[]> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is set by the integration global set-up');
  const kafka = new Kafka({ clientId: 'test-privacy-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const pending = new Map<string, number>();
  try {
    // Harmless when they exist; a topic nobody wrote to yet is read as empty rather than missed.
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: 3 })) });
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (Number(high) > Number(low)) pending.set(`${topic}/${partition}`, Number(high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const messages: TopicMessage[] = [];
  if (pending.size === 0) return messages;
  const consumer = kafka.consumer({
    groupId: `test-privacy-reader-${randomUUID()}`,
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
          eachBatchAutoResolve: true,
          eachBatch: async ({ batch, heartbeat }) => {
            const key = `${batch.topic}/${batch.partition}`;
            const end = pending.get(key);
            for (const message of batch.messages) {
              if (end === undefined || Number(message.offset) >= end) break;
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
              messages.push({
                topic: batch.topic,
                partition: batch.partition,
                offset: message.offset,
                key: message.key?.toString('utf8') ?? null,
                value: message.value?.toString('utf8') ?? '',
                headers,
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
  return messages;
}
