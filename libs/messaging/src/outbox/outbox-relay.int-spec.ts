import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { waitForMessage } from '@stapsteen/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { KafkaOutboxPublisher } from '../kafka/kafka-outbox-publisher';
import { OutboxEntry, toOutboxEntry } from './outbox-entry';
import { OutboxCollection, OutboxRelay } from './outbox-relay';

/**
 * The process that wrote the aggregate died before its relay published: the event sits in the
 * document. A relay started afterwards (as after a restart) must publish it and clear it.
 */
describe('an event left in an outbox by a process that died', () => {
  const mongo = new MongoClient(process.env.MONGODB_URI ?? '');
  const kafka = new Kafka({
    clientId: 'outbox-test',
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ maxInFlightRequests: 1 });

  beforeAll(async () => {
    await Promise.all([mongo.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await Promise.all([mongo.close(), producer.disconnect()]);
  });

  it('is published after a restart and removed from the document', async () => {
    const participantId = randomUUID();
    const collection = mongo
      .db(`test-outbox-${randomUUID().slice(0, 8)}`)
      .collection<{ _id: string; outbox: OutboxEntry[] }>('participants');
    const envelope = createEnvelope({
      type: 'participant.erased',
      version: 1,
      producer: 'flow-through',
      participantId,
      correlationId: randomUUID(),
      data: { participantId, organisationId: 'org-neteland', erasedAt: new Date().toISOString() },
    });
    await collection.insertOne({ _id: participantId, outbox: [toOutboxEntry(TOPICS.participants, envelope)] });

    const relay = new OutboxRelay([collection as unknown as OutboxCollection], new KafkaOutboxPublisher(producer), {
      pollIntervalMs: 100,
    });
    relay.start();
    try {
      const message = await waitForMessage(TOPICS.participants, (m) => m.key === participantId);
      expect(JSON.parse(message.value).eventId).toBe(envelope.eventId);
      expect(message.headers['x-correlation-id']).toBe(envelope.correlationId);
    } finally {
      await relay.stop();
    }
    expect((await collection.findOne({ _id: participantId }))?.outbox).toEqual([]);
  });
});
