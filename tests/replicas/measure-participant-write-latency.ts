/**
 * What the version claims add to one participant change over HTTP (ADR 18 and 24): two
 * flow-through processes on the local stack, one with VERSION_CLAIMS=on and one with off (each its
 * own database), the same sequential `PATCH /participants/:id` (a new monthly hours target; the
 * answer comes after the due check, which saves the organisation's due tasks) sent to both in turn,
 * so that both see the same machine load. Not part of `npm test`; run with the stack up:
 *   KAFKA_BROKERS=127.0.0.1:<port> MONGODB_URI=mongodb://127.0.0.1:<port>/ \
 *     node -r @swc-node/register tests/replicas/measure-participant-write-latency.ts
 */
import { createTestKeyPair, mintToken, testToday } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { Replica, call, startReplicas } from './replicas';

const PARTICIPANTS = Number(process.env.WRITE_LATENCY_PARTICIPANTS ?? 40);
const WRITES = Number(process.env.WRITE_LATENCY_WRITES ?? 300);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

async function main() {
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
  const env = { TEST_LOG_LEVEL: 'error' };
  const [withClaims] = await startReplicas('flow-through', 1, keys.publicKeyPem, { ...env, VERSION_CLAIMS: 'on' });
  const [without] = await startReplicas('flow-through', 1, keys.publicKeyPem, { ...env, VERSION_CLAIMS: 'off' });
  const must = async (answer: Promise<{ status: number; body: any }>, status: number) => {
    const { status: got, body } = await answer;
    if (got !== status) throw new Error(`${got} ${JSON.stringify(body)}`);
    return body;
  };
  try {
    const people = new Map<Replica, string[]>();
    for (const replica of [withClaims, without]) {
      await must(
        call(replica, 'PUT', '/organisations', admin, {
          id: organisation,
          name: 'Bench',
          kind: 'WIJK_WERK',
          regionId: region,
        }),
        200,
      );
      const ids: string[] = [];
      for (let i = 0; i < PARTICIPANTS; i++) {
        const enrolled = await must(
          call(replica, 'POST', '/participants', organiser, {
            organisationId: organisation,
            firstName: 'Sofie',
            lastName: `Verbeeck ${i}`,
            dateOfBirth: '1987-04-12',
            referralSource: 'VDAB',
          }),
          201,
        );
        await must(
          call(replica, 'POST', `/participants/${enrolled.id}/trajectory/start`, organiser, { on: testToday() }),
          200,
        );
        ids.push(enrolled.id);
      }
      people.set(replica, ids);
    }
    const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const write = async (replica: Replica, i: number) => {
      const started = performance.now();
      await must(
        call(replica, 'PATCH', `/participants/${people.get(replica)![i % PARTICIPANTS]}`, organiser, {
          monthlyHoursTarget: 10 + (i % 30),
        }),
        200,
      );
      return performance.now() - started;
    };
    for (let i = 0; i < WRITES; i++) {
      // Alternate which goes first, so neither always meets a warmer database.
      if (i % 2 === 0) {
        times.on.push(await write(withClaims, i));
        times.off.push(await write(without, i));
      } else {
        times.off.push(await write(without, i));
        times.on.push(await write(withClaims, i));
      }
    }
    const line = (label: string, values: number[]) =>
      `${label}: p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (${values.length} writes)`;
    process.stdout.write(
      `PATCH /participants/:id, one process each, ${PARTICIPANTS} participants\n${line('claims off', times.off)}\n${line('claims on', times.on)}\n`,
    );
  } finally {
    await Promise.all([withClaims.stop(), without.stop()]);
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
