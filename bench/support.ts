import { createHash } from 'node:crypto';

/** Nearest-rank percentile of a list of durations in ms. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Deterministic ids, so two runs of a bench work on the same data set. */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function mb(bytes: number): number {
  return round(bytes / 1024 / 1024, 0);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stack = require('../deploy/local-stack/stack.cjs');

/**
 * Starts the bench's own Kafka and FerretDB (test profile: wiped data, ports of its own so it can
 * run beside the dev stack and the tests; STACK_* override them) and points the services at them.
 */
export async function startBenchStack(): Promise<{ stop: () => Promise<void> }> {
  process.env.STACK_KAFKA_PORT ??= '29192';
  process.env.STACK_KAFKA_CONTROLLER_PORT ??= '29193';
  process.env.STACK_MONGO_PORT ??= '47117';
  process.env.STACK_DATA_DIR ??= `${__dirname}/../.data/bench`;
  const { kafkaBrokers, mongoUri } = await stack.up({ profile: 'test' });
  process.env.KAFKA_BROKERS = kafkaBrokers;
  process.env.MONGODB_URI = mongoUri;
  return { stop: () => stack.down({ profile: 'test' }) };
}
