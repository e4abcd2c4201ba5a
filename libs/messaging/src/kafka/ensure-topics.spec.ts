import type { Admin, ITopicMetadata } from 'kafkajs';
import { ensureTopics } from './ensure-topics';

const protocolError = (type: string) => Object.assign(new Error(`broker says ${type}`), { type });

/** An admin whose metadata answers come from `answers`, one per request; the last one repeats. */
function scriptedAdmin(answers: Array<ITopicMetadata[] | Error>, created = true) {
  const calls = { createTopics: [] as unknown[], metadata: 0 };
  const admin = {
    createTopics: async (options: unknown) => {
      calls.createTopics.push(options);
      return created;
    },
    fetchTopicMetadata: async () => {
      const answer = answers[Math.min(calls.metadata++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return { topics: answer };
    },
  } as unknown as Admin;
  return { admin, calls };
}

const withLeaders = (name: string, leaders: number[]): ITopicMetadata => ({
  name,
  partitions: leaders.map((leader, partitionId) => ({
    partitionId,
    leader,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  })),
});

const topics = [
  { topic: 'stapsteen.hours.v1', numPartitions: 3 },
  { topic: 'stapsteen.hours.v1.dlt', numPartitions: 1 },
];

describe('ensureTopics', () => {
  it('waits out a broker that does not know a topic created a moment ago, and returns once every partition has a leader', async () => {
    const { admin, calls } = scriptedAdmin([
      protocolError('UNKNOWN_TOPIC_OR_PARTITION'),
      protocolError('LEADER_NOT_AVAILABLE'),
      [withLeaders('stapsteen.hours.v1', [1, -1, 1]), withLeaders('stapsteen.hours.v1.dlt', [1])],
      [withLeaders('stapsteen.hours.v1', [1, 1, 1]), withLeaders('stapsteen.hours.v1.dlt', [1])],
    ]);

    await expect(ensureTopics(admin, topics, { intervalMs: 1 })).resolves.toBe(true);
    expect(calls.metadata).toBe(4);
    expect(calls.createTopics).toEqual([{ waitForLeaders: false, topics }]);
  });

  it('says whether it created anything', async () => {
    const { admin } = scriptedAdmin(
      [[withLeaders('stapsteen.hours.v1', [1, 1, 1]), withLeaders('stapsteen.hours.v1.dlt', [1])]],
      false,
    );
    await expect(ensureTopics(admin, topics, { intervalMs: 1 })).resolves.toBe(false);
  });

  it('passes on an error that is not the settling of a new topic', async () => {
    const { admin, calls } = scriptedAdmin([protocolError('TOPIC_AUTHORIZATION_FAILED')]);
    await expect(ensureTopics(admin, topics, { intervalMs: 1 })).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(calls.metadata).toBe(1);
  });

  it('gives up after its timeout, naming the topics and what it waited for', async () => {
    const { admin } = scriptedAdmin([protocolError('UNKNOWN_TOPIC_OR_PARTITION')]);
    await expect(ensureTopics(admin, topics, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      /Kafka topics not ready after 20 ms \(stapsteen\.hours\.v1, stapsteen\.hours\.v1\.dlt\): broker says UNKNOWN_TOPIC_OR_PARTITION/,
    );
  });
});
