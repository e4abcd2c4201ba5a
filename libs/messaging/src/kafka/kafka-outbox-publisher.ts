import { CORRELATION_HEADER } from '@stapsteen/observability';
import type { Producer, TopicMessages } from 'kafkajs';
import type { OutboxEntry } from '../outbox/outbox-entry';
import type { OutboxPublisher } from '../outbox/outbox-relay';

export const EVENT_ID_HEADER = 'x-event-id';
export const EVENT_TYPE_HEADER = 'x-event-type';

/** At most this many bytes of values per produce request (the broker refuses record batches over 1 MB). */
const MAX_REQUEST_BYTES = 512 * 1024;
const MAX_REQUEST_MESSAGES = 1000;

/**
 * Sends outbox entries with key = participantId and waits for all in-sync replicas (acks = -1),
 * in requests of at most 512 KB or 1,000 messages, one after the other, so entries keep their
 * order. One request for everything failed for ever once a drain held 40 month closes (21,000
 * events: the broker refused the record batches as too large, and the relay retried the same).
 */
export class KafkaOutboxPublisher implements OutboxPublisher {
  constructor(private readonly producer: Producer) {}

  async publish(entries: OutboxEntry[]): Promise<void> {
    let chunk: OutboxEntry[] = [];
    let bytes = 0;
    for (const entry of entries) {
      if (
        chunk.length > 0 &&
        (bytes + entry.value.length > MAX_REQUEST_BYTES || chunk.length >= MAX_REQUEST_MESSAGES)
      ) {
        await this.send(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(entry);
      bytes += entry.value.length;
    }
    if (chunk.length > 0) await this.send(chunk);
  }

  private async send(entries: OutboxEntry[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const entry of entries) {
      const topicMessages = byTopic.get(entry.topic) ?? { topic: entry.topic, messages: [] };
      topicMessages.messages.push({
        key: entry.key,
        value: entry.value,
        headers: {
          [CORRELATION_HEADER]: entry.correlationId,
          [EVENT_ID_HEADER]: entry.eventId,
          [EVENT_TYPE_HEADER]: entry.type,
        },
      });
      byTopic.set(entry.topic, topicMessages);
    }
    await this.producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
  }
}
