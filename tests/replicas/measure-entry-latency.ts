/**
 * What the version claims add to one prestation entry over HTTP (ADR 18): two hours processes on
 * the local stack, one with VERSION_CLAIMS=on and one with off (each its own database), the same
 * sequential entries sent to both in turn, so that both see the same machine load. Not part of
 * `npm test`; run with the stack up:
 *   KAFKA_BROKERS=127.0.0.1:<port> MONGODB_URI=mongodb://127.0.0.1:<port>/ \
 *     node -r @swc-node/register tests/replicas/measure-entry-latency.ts
 */
import { createTestKeyPair, dayOf, mintToken, monthsAgo } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { Replica, call, feedParticipant, startReplicas, waitForRoster } from './replicas';

const PARTICIPANTS = Number(process.env.ENTRY_LATENCY_PARTICIPANTS ?? 40);
const ENTRIES = Number(process.env.ENTRY_LATENCY_ENTRIES ?? 400);

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
  const env = { HOURS_AUTO_CLOSE_AFTER_DAYS: '60', TEST_LOG_LEVEL: 'error' };
  const [withClaims] = await startReplicas('hours', 1, keys.publicKeyPem, { ...env, VERSION_CLAIMS: 'on' });
  const [without] = await startReplicas('hours', 1, keys.publicKeyPem, { ...env, VERSION_CLAIMS: 'off' });
  try {
    const people = await Promise.all(
      Array.from({ length: PARTICIPANTS }, () =>
        feedParticipant({ organisationId: organisation, regionId: region, startedOn: dayOf(monthsAgo(2), 1) }),
      ),
    );
    await waitForRoster(withClaims, admin, people);
    await waitForRoster(without, admin, people);
    const month = monthsAgo(1);
    const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const enter = async (replica: Replica, i: number) => {
      const started = performance.now();
      const answer = await call(replica, 'POST', '/prestations', organiser, {
        participantId: people[i % people.length],
        date: dayOf(month, (Math.floor(i / people.length) % 28) + 1),
        minutes: 30,
        gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
        activity: 'Middagtoezicht',
      });
      if (answer.status !== 201) throw new Error(`entry ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return performance.now() - started;
    };
    for (let i = 0; i < ENTRIES; i++) {
      // Alternate which goes first, so neither always meets a warmer database.
      if (i % 2 === 0) {
        times.on.push(await enter(withClaims, i));
        times.off.push(await enter(without, i));
      } else {
        times.off.push(await enter(without, i));
        times.on.push(await enter(withClaims, i));
      }
    }
    const line = (label: string, values: number[]) =>
      `${label}: p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (${values.length} entries)`;
    process.stdout.write(
      `POST /prestations, one process each, ${PARTICIPANTS} participants\n${line('claims off', times.off)}\n${line('claims on', times.on)}\n`,
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
