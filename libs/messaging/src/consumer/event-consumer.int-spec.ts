import { KafkaContext, KafkaRetriableException } from '@nestjs/microservices';
import { createEnvelope, deadLetterTopic } from '@stapsteen/contracts';
import { consumerMetrics, deadLettersIn } from '@stapsteen/observability';
import { eventually, waitForMessage } from '@stapsteen/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { ensureTopics } from '../kafka/ensure-topics';
import { KafkaDeadLetterPublisher } from '../kafka/kafka-dead-letter-publisher';
import { KafkaEventHandler } from '../kafka/nest-kafka-consumer';
import {
  DEAD_LETTER_ATTEMPTS_HEADER,
  DEAD_LETTER_CAUSE_HEADER,
  DEAD_LETTER_REASON_HEADER,
  EventConsumer,
} from './event-consumer';

/**
 * A client of the run's Kafka with a topic of its own and its dead-letter topic, one partition
 * each (two messages are certainly in the same one, the second behind the first), created before
 * the tests and deleted after.
 */
function kafkaWithOwnTopic(name: string) {
  const kafka = new Kafka({
    clientId: name,
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ maxInFlightRequests: 1 });
  const admin = kafka.admin();
  const topic = `stapsteen.${name}-${randomUUID().slice(0, 8)}.v1`;
  const groupId = `${name}-${randomUUID()}`;
  const consumerOfGroup = () =>
    kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  beforeAll(async () => {
    await Promise.all([producer.connect(), admin.connect()]);
    await ensureTopics(admin, [
      { topic, numPartitions: 1 },
      { topic: deadLetterTopic(topic), numPartitions: 1 },
    ]);
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  });
  return { producer, admin, topic, consumerOfGroup };
}

/** A `participant.erased` event of a new participant: an event every consumer knows. */
function erasedEvent(erasedAt = '2026-11-05T10:00:00.000Z') {
  const participantId = randomUUID();
  return createEnvelope({
    type: 'participant.erased',
    version: 1,
    producer: 'flow-through',
    participantId,
    correlationId: randomUUID(),
    data: { participantId, organisationId: 'org-neteland', erasedAt },
  });
}

/**
 * One message whose handler always fails with an error that is not a domain error (a bug, a
 * database that never answers) must not stall its partition: after the configured attempts it is
 * on the dead-letter topic with its reason, counted in the metric, and the next message for the
 * same participant (same key, same partition) is applied.
 */
describe('a consumer facing a message that always fails', () => {
  const { producer, topic, consumerOfGroup } = kafkaWithOwnTopic('consumer-retry-test');
  const consumer = consumerOfGroup();

  afterAll(() => consumer.disconnect());

  it('dead-letters it after the configured attempts with its reason, and applies the message behind it', async () => {
    const participantId = randomUUID();
    const event = (erasedAt: string) =>
      createEnvelope({
        type: 'participant.erased',
        version: 1,
        producer: 'flow-through',
        participantId,
        correlationId: randomUUID(),
        data: { participantId, organisationId: 'org-neteland', erasedAt },
      });
    const poison = event('2026-11-05T10:00:00.000Z');
    const next = event('2026-11-05T10:05:00.000Z');

    const registry = new Registry();
    const metrics = consumerMetrics(registry);
    const handler = new KafkaEventHandler(
      new EventConsumer(new KafkaDeadLetterPublisher(producer), {
        // Test-sized backoff through the same options the service config feeds (CONSUMER_RETRY_*).
        retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 50 },
        onDeadLetter: (dead, cause) => metrics.deadLetters.inc({ topic: dead, cause }),
      }),
    );
    const attempts = new Map<string, number>();
    const applied: string[] = [];

    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // What the Nest Kafka transport does for an @EventPattern handler: a KafkaContext around the
    // kafkajs message, and a KafkaRetriableException thrown back so kafkajs redelivers.
    await consumer.run({
      eachMessage: async ({ topic: from, partition, message, heartbeat }) => {
        const context = new KafkaContext([message, partition, from, consumer, heartbeat, producer]);
        const payload = JSON.parse(message.value?.toString() ?? 'null') as unknown;
        try {
          await handler.handle(payload, context, async (envelope) => {
            attempts.set(envelope.eventId, (attempts.get(envelope.eventId) ?? 0) + 1);
            if (envelope.eventId === poison.eventId) {
              throw new TypeError("Cannot read properties of undefined (reading 'organisationId')");
            }
            applied.push(envelope.eventId);
          });
        } catch (error) {
          if (error instanceof KafkaRetriableException) throw error;
        }
      },
    });

    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: participantId, value: JSON.stringify(poison) },
        { key: participantId, value: JSON.stringify(next) },
      ],
    });

    const letter = await waitForMessage(deadLetterTopic(topic), (m) => m.key === participantId, 20000);
    expect(JSON.parse(letter.value).eventId).toBe(poison.eventId);
    expect(letter.headers[DEAD_LETTER_REASON_HEADER]).toBe(
      "gave up after 4 attempts: TypeError: Cannot read properties of undefined (reading 'organisationId')",
    );
    expect(letter.headers[DEAD_LETTER_CAUSE_HEADER]).toBe('retries-exhausted');
    expect(letter.headers[DEAD_LETTER_ATTEMPTS_HEADER]).toBe('4');
    expect(letter.headers['x-original-topic']).toBe(topic);
    expect(letter.headers['x-original-offset']).toBe('0');

    await eventually(
      async () => applied,
      (ids) => ids.includes(next.eventId),
      {
        what: 'the message behind the dead-lettered one to be applied',
      },
    );
    expect(applied).toEqual([next.eventId]);
    expect(attempts.get(poison.eventId)).toBe(4);
    expect(deadLettersIn(await registry.metrics())).toBe(1);
  });
});

/**
 * A service must stop while its database is away: the consumer waits for the database however long
 * (ADR 30), and kafkajs' disconnect waits for the message in hand. Stopping the event consumer ends
 * the wait, the disconnect completes, and the message, never committed, is applied by the next
 * consumer of the group once the database answers.
 */
describe('a consumer stopping while the database is away', () => {
  const { producer, admin, topic, consumerOfGroup } = kafkaWithOwnTopic('consumer-stop-test');
  const databaseAway = () =>
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoNetworkError' });

  /** Runs `consumer` the way the Nest transport does, applying with `apply`. */
  async function run(consumer: ReturnType<typeof consumerOfGroup>, handler: KafkaEventHandler, apply: () => void) {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic: from, partition, message, heartbeat }) => {
        const context = new KafkaContext([message, partition, from, consumer, heartbeat, producer]);
        await handler.handle(JSON.parse(message.value?.toString() ?? 'null') as unknown, context, async () => apply());
      },
    });
  }

  it('lets go of the message at once, and the next consumer of the group applies it', async () => {
    const event = erasedEvent();
    const { participantId } = event;
    const stopping = new EventConsumer(new KafkaDeadLetterPublisher(producer));
    let attemptsWhileAway = 0;
    const first = consumerOfGroup();
    await run(first, new KafkaEventHandler(stopping), () => {
      attemptsWhileAway += 1;
      throw databaseAway();
    });
    await producer.send({ topic, acks: -1, messages: [{ key: participantId, value: JSON.stringify(event) }] });
    await eventually(
      async () => attemptsWhileAway,
      (n) => n >= 2,
      { what: 'the consumer to be waiting for the database' },
    );

    // What the service's shutdown does: the event consumer first, then the Kafka client. Without
    // the first step the disconnect waits for the database for ever (and this test times out).
    stopping.stop();
    await first.disconnect();
    const triedBeforeStop = attemptsWhileAway;

    let applied = 0;
    const next = consumerOfGroup();
    await run(next, new KafkaEventHandler(new EventConsumer(new KafkaDeadLetterPublisher(producer))), () => {
      applied += 1;
    });
    try {
      await eventually(
        async () => applied,
        (n) => n === 1,
        { what: 'the next consumer of the group to apply the message', timeoutMs: 30_000 },
      );
    } finally {
      await next.disconnect();
    }
    expect(attemptsWhileAway).toBe(triedBeforeStop);
    // Nothing was dead-lettered: the dead-letter topic is as empty as it was created.
    const [deadLetters] = await admin.fetchTopicOffsets(deadLetterTopic(topic));
    expect(deadLetters.high).toBe('0');
  });
});
