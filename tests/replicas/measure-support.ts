/**
 * What the version-claims measurements (measure-entry-latency.ts, measure-participant-write-latency.ts)
 * share: an organisation of their own with an admin's and an organiser's token, two processes of one
 * service (VERSION_CLAIMS on and off), the same requests sent to both in turn and the report.
 */
import { createTestKeyPair, mintToken } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { Replica, startReplicas } from './replicas';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export interface ClaimsComparison {
  organisation: string;
  region: string;
  admin: string;
  organiser: string;
  withClaims: Replica;
  without: Replica;
}

/**
 * Starts `service` twice (VERSION_CLAIMS on, off; each its own database), runs `prepare` and then
 * `count` requests (`one(replica, i)`, timed) alternating which process goes first, so that neither
 * always meets a warmer database; writes p50 and p95 of each to stdout under `title`.
 */
export async function compareVersionClaims(options: {
  service: 'hours' | 'flow-through';
  env: Record<string, string>;
  title: string;
  unit: string;
  count: number;
  prepare: (comparison: ClaimsComparison) => Promise<void>;
  one: (replica: Replica, i: number, comparison: ClaimsComparison) => Promise<void>;
}): Promise<void> {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const organisation = `org-bench-${suffix}`;
  const region = `region-bench-${suffix}`;
  const admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
  const organiser = await mintToken(keys.privateKeyPem, {
    sub: 'organiser',
    role: 'ORGANISER',
    orgIds: [organisation],
    regionId: region,
  });
  const env = { TEST_LOG_LEVEL: 'error', ...options.env };
  const [withClaims] = await startReplicas(options.service, 1, keys.publicKeyPem, { ...env, VERSION_CLAIMS: 'on' });
  const [without] = await startReplicas(options.service, 1, keys.publicKeyPem, { ...env, VERSION_CLAIMS: 'off' });
  try {
    const comparison = { organisation, region, admin, organiser, withClaims, without };
    await options.prepare(comparison);
    const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const timed = async (replica: Replica, i: number) => {
      const started = performance.now();
      await options.one(replica, i, comparison);
      return performance.now() - started;
    };
    for (let i = 0; i < options.count; i++) {
      if (i % 2 === 0) {
        times.on.push(await timed(withClaims, i));
        times.off.push(await timed(without, i));
      } else {
        times.off.push(await timed(without, i));
        times.on.push(await timed(withClaims, i));
      }
    }
    const line = (label: string, values: number[]) =>
      `${label}: p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (${values.length} ${options.unit})`;
    process.stdout.write(`${options.title}\n${line('claims off', times.off)}\n${line('claims on', times.on)}\n`);
  } finally {
    await Promise.all([withClaims.stop(), without.stop()]);
  }
}

/** Runs a measurement as a script: exit 0, or 1 with the error's stack. */
export function runMeasurement(main: () => Promise<void>): void {
  main()
    .then(() => process.exit(0))
    .catch((error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
