import type { Admin } from 'kafkajs';

export interface TopicToEnsure {
  topic: string;
  numPartitions: number;
}

export interface EnsureTopicsOptions {
  /** How long to wait for every partition to have a leader; the broker elects them in well under a second. */
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Errors a metadata request may answer while a topic that was just created settles: the broker
 * that answers does not know the topic yet, or its partitions have no leader yet.
 */
const SETTLING = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

const isSettling = (error: unknown) =>
  typeof error === 'object' && error !== null && SETTLING.has(String((error as { type?: unknown }).type));

/**
 * Creates the topics that are missing and returns once every partition of every topic has a
 * leader, so that the first produce or subscribe does not meet a topic the broker is still setting
 * up. kafkajs' own `waitForLeaders` retries only LEADER_NOT_AVAILABLE and gives up on the
 * UNKNOWN_TOPIC_OR_PARTITION a loaded broker answers for a topic created a moment earlier
 * (tulios/kafkajs#815), which made a service's start or a test's set-up fail at random.
 * Returns whether any topic was created.
 */
export async function ensureTopics(
  admin: Admin,
  topics: TopicToEnsure[],
  { timeoutMs = 60_000, intervalMs = 100 }: EnsureTopicsOptions = {},
): Promise<boolean> {
  const created = await admin.createTopics({ waitForLeaders: false, topics });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let waitingFor: string;
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics: names });
      const leaderless = described.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
      if (leaderless.length === 0) return created;
      waitingFor = `no leader yet for ${leaderless.map((t) => t.name).join(', ')}`;
    } catch (error) {
      if (!isSettling(error)) throw error;
      waitingFor = (error as Error).message;
    }
    if (Date.now() >= deadline)
      throw new Error(`Kafka topics not ready after ${timeoutMs} ms (${names.join(', ')}): ${waitingFor}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
