import type { Producer, ProducerBatch } from 'kafkajs';
import type { OutboxEntry } from '../outbox/outbox-entry';
import { KafkaOutboxPublisher } from './kafka-outbox-publisher';

const entry = (i: number, size = 600): OutboxEntry => ({
  eventId: `e${i}`,
  topic: i % 2 === 0 ? 'stapsteen.hours.v1' : 'stapsteen.alerts.v1',
  key: `p${i % 7}`,
  type: 'hours.participant-month-closed@v1',
  correlationId: 'c',
  value: 'x'.repeat(size),
  createdAt: new Date(0),
});

function recordingProducer() {
  const batches: ProducerBatch[] = [];
  const producer = { sendBatch: async (batch: ProducerBatch) => void batches.push(batch) } as unknown as Producer;
  return { producer, batches };
}

const valuesOf = (batch: ProducerBatch) => batch.topicMessages!.flatMap((t) => t.messages);

describe('KafkaOutboxPublisher', () => {
  it('sends a drain of 21,000 events (40 month closes) in requests the broker accepts, in order', async () => {
    const { producer, batches } = recordingProducer();
    const entries = Array.from({ length: 21_000 }, (_, i) => entry(i));
    await new KafkaOutboxPublisher(producer).publish(entries);

    // 600 bytes each: at most 873 fit in 512 KB, so 25 requests, none over 512 KB or 1,000 messages.
    expect(batches).toHaveLength(25);
    for (const batch of batches) {
      const messages = valuesOf(batch);
      expect(messages.length).toBeLessThanOrEqual(1000);
      expect(messages.reduce((sum, m) => sum + String(m.value).length, 0)).toBeLessThanOrEqual(512 * 1024);
    }
    const sent = batches.flatMap((b) =>
      b.topicMessages!.flatMap((t) => t.messages.map((m) => m.headers!['x-event-id'])),
    );
    expect(new Set(sent).size).toBe(21_000);
    // Within one key (and topic), the order of the outbox.
    const ofKey = (batchList: ProducerBatch[]) =>
      batchList.flatMap((b) =>
        b.topicMessages!.flatMap((t) =>
          t.messages
            .filter((m) => m.key === 'p3' && t.topic === 'stapsteen.hours.v1')
            .map((m) => m.headers!['x-event-id']),
        ),
      );
    expect(ofKey(batches)).toEqual(
      entries.filter((e) => e.key === 'p3' && e.topic === 'stapsteen.hours.v1').map((e) => e.eventId),
    );
  });

  it('sends a few events in one request, and an event larger than a request alone', async () => {
    const { producer, batches } = recordingProducer();
    await new KafkaOutboxPublisher(producer).publish([entry(1), entry(2), entry(3)]);
    expect(batches.map((b) => valuesOf(b).length)).toEqual([3]);

    const big = recordingProducer();
    await new KafkaOutboxPublisher(big.producer).publish([entry(1), entry(2, 600 * 1024), entry(3)]);
    expect(big.batches.map((b) => valuesOf(b).length)).toEqual([1, 1, 1]);
  });
});
