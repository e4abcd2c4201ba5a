import { createHash } from 'node:crypto';

/** Nearest-rank percentile of a list of durations in ms. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
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

/** The highest resident memory of the bench's own process so far, in MB (the services run in their own). */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 0);
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Which database the figures were measured on, for every report. */
export function databaseLabel(): string {
  if (process.env.BENCH_EXTERNAL_MONGO) return 'external MongoDB-protocol server (MONGODB_URI)';
  return `FerretDB 1.24 on ${process.env.STACK_DB_BACKEND || 'postgresql'}`;
}

/** Times one awaited call. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs `work(i)` for i in 0..count-1 with `concurrency` callers at once, as that many clients would. */
export async function withClients(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await work(i);
      }
    }),
  );
}

/**
 * One figure of a scenario against its goal. `ratio` is the use case against its same-run
 * baseline (the raw driver or raw kafkajs doing the least the use case must do), oriented so
 * that 1 means "as fast as the raw work" whichever way the unit runs.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The raw work's figure in the same unit, measured in the same run. */
  baseline?: number;
  ratio?: number;
  /** The goal, e.g. "≥ 0.5× baseline" or "≤ 250 ms"; `met` says whether this run met it. */
  goal?: string;
  met?: boolean;
  /** What limits this figure, when known (profiled or measured). */
  bottleneck?: string;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  database: string;
  scale: Record<string, number | string>;
  figures: Figure[];
  /** Latency samples (ms) per series, for the distribution chart. */
  latencies: Record<string, number[]>;
  /** Peak RSS (VmHWM) of each service's own process, in MB: the figures held to MEMORY_GOAL_MB. */
  servicePeakRssMb: Record<string, number>;
  /** Peak RSS of the bench's own process (seeding, raw baselines, clients): not a service, no goal. */
  peakRssMb: number;
  notes: string[];
}

/** Issue 14, scenario 5: the peak resident memory of each service during a bench. */
export const MEMORY_GOAL_MB = 300;

const RESULT_MARK = '@@bench-result ';

/** Hands the scenario's figures to `bench/run.ts` (one marked line) and prints them for a person. */
export function report(result: ScenarioResult): void {
  // The services were not started as production starts them: say so beside the figures.
  if (process.env.BENCH_SERVICE_NODE_FLAGS)
    result.notes.push(
      `The services ran with the Node flags ${process.env.BENCH_SERVICE_NODE_FLAGS} (BENCH_SERVICE_NODE_FLAGS).`,
    );
  for (const f of result.figures) {
    const ratio = f.ratio === undefined ? '' : `, ×${round(f.ratio, 2)} of baseline ${round(f.baseline ?? 0, 1)}`;
    const goal = f.goal ? ` (goal ${f.goal}: ${f.met ? 'met' : 'MISSED'})` : '';
    log(`  ${f.name}: ${round(f.value, 1)} ${f.unit}${ratio}${goal}`);
  }
  for (const [service, peak] of Object.entries(result.servicePeakRssMb))
    log(
      `  peak RSS of ${service}: ${peak} MB (goal ≤ ${MEMORY_GOAL_MB} MB: ${peak <= MEMORY_GOAL_MB ? 'met' : 'MISSED'})`,
    );
  log(`  peak RSS of the bench process (not a service): ${result.peakRssMb} MB`);
  log(`${RESULT_MARK}${JSON.stringify(result)}`);
}

export function parseResults(output: string): ScenarioResult[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith(RESULT_MARK))
    .map((line) => JSON.parse(line.slice(RESULT_MARK.length)) as ScenarioResult);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stack = require('../deploy/local-stack/stack.cjs');

/**
 * Starts the bench's own Kafka and database (test profile: wiped data, ports of its own so it can
 * run beside the dev stack and the tests; STACK_* override them) and points the services at them.
 */
export async function startBenchStack(): Promise<{ stop: () => Promise<void> }> {
  if (process.env.MONGODB_URI) process.env.BENCH_EXTERNAL_MONGO = '1';
  process.env.STACK_KAFKA_PORT ??= '29192';
  process.env.STACK_KAFKA_CONTROLLER_PORT ??= '29193';
  process.env.STACK_MONGO_PORT ??= '47117';
  process.env.STACK_DATA_DIR ??= `${__dirname}/../.data/bench`;
  const { kafkaBrokers, mongoUri } = await stack.up({ profile: 'test' });
  process.env.KAFKA_BROKERS = kafkaBrokers;
  process.env.MONGODB_URI = mongoUri;
  return { stop: () => stack.down({ profile: 'test' }) };
}

/**
 * The services' settings in a bench: production's, not the tests'. The tests sweep every outbox
 * collection every 200 ms to be quick; at Flanders scale those sweeps are full scans that would
 * compete with the work being measured.
 */
export const BENCH_SERVICE_ENV = { OUTBOX_POLL_MS: '30000' };

export function fail(error: unknown): never {
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
}
