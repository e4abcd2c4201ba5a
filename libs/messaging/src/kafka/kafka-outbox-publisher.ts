import { CORRELATION_HEADER } from '@stapsteen/observability';
import type { Producer, TopicMessages } from 'kafkajs';
import type { OutboxEntry } from '../outbox/outbox-entry';
import type { OutboxPublisher } from '../outbox/outbox-relay';

export const EVENT_ID_HEADER = 'x-event-id';
export const EVENT_TYPE_HEADER = 'x-event-type';

/** Sends outbox entries with key = participantId and waits for all in-sync replicas (acks = -1). */
export class KafkaOutboxPublisher implements OutboxPublisher {
  constructor(private readonly producer: Producer) {}

  async publish(entries: OutboxEntry[]): Promise<void> {
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
