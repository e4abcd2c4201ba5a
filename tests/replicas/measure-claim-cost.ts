/**
 * What a version claim adds to an aggregate write (ADR 18), on the database at MONGODB_URI:
 * the same read-then-write of participant-year-sized documents (about 2 KB) with and without the
 * claim, interleaved so that both see the same machine load. Not part of `npm test`; run with
 *   MONGODB_URI=mongodb://127.0.0.1:<port>/ node -r @swc-node/register tests/replicas/measure-claim-cost.ts
 */
import { AGGREGATE_CLAIMS_COLLECTION, VersionClaims, guardedFilter } from '@stapsteen/concurrency';
import type { KeyedLock } from '@stapsteen/concurrency';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';

const DOCUMENTS = Number(process.env.CLAIM_COST_DOCUMENTS ?? 2000);
const EARLIER_CLAIMS = Number(process.env.CLAIM_COST_EARLIER_CLAIMS ?? 20000);
const WRITES = Number(process.env.CLAIM_COST_WRITES ?? 400);

interface YearDocument {
  _id: string;
  version: number;
  prestations: Array<{ id: string; date: string; minutes: number; activity: string }>;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

async function main() {
  const client = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/');
  const db = client.db(`claim-cost-${randomUUID().slice(0, 8)}`);
  const years = db.collection<YearDocument>('participant_years');
  const claimsCollection = db.collection<{ _id: string; at: Date }>(AGGREGATE_CLAIMS_COLLECTION);
  const info = await db.admin().command({ buildInfo: 1 });
  const ferret = typeof info.ferretdbVersion === 'string' || typeof info.ferretdb === 'object';
  const ferretVersion = info.ferretdbVersion ?? info.ferretdb?.version;
  const guard = { atomicConditions: !ferret, lock: undefined as unknown as KeyedLock };
  const prestation = (i: number) => ({
    id: randomUUID(),
    date: '2026-11-03',
    minutes: 180 + (i % 7),
    activity: 'Middagtoezicht',
  });
  const ids = Array.from({ length: DOCUMENTS }, () => `${randomUUID()}:2026`);
  for (let start = 0; start < ids.length; start += 500) {
    await years.insertMany(
      ids
        .slice(start, start + 500)
        .map((id) => ({ _id: id, version: 1, prestations: Array.from({ length: 12 }, (_, i) => prestation(i)) })),
    );
  }
  for (let start = 0; start < EARLIER_CLAIMS; start += 1000) {
    await claimsCollection.insertMany(
      Array.from({ length: Math.min(1000, EARLIER_CLAIMS - start) }, () => ({
        _id: `earlier:${randomUUID()}:1`,
        at: new Date(),
      })),
    );
  }
  const claims = new VersionClaims(claimsCollection);
  const versions = new Map(ids.map((id) => [id, 1]));
  const write = async (id: string, claimed: boolean) => {
    const document = await years.findOne({ _id: id });
    const version = document!.version;
    const step = async () => {
      const result = await years.updateOne(guardedFilter(guard, id, { version }), {
        $set: { prestations: [...document!.prestations.slice(1), prestation(version)], version: version + 1 },
      });
      return result.modifiedCount === 1;
    };
    const started = performance.now();
    const ok = claimed
      ? await claims.write('participant_years', id, version, step, async () => versions.get(id) ?? null)
      : await step();
    const ms = performance.now() - started;
    if (!ok) throw new Error('a write did not take');
    versions.set(id, version + 1);
    return ms;
  };
  const withClaim: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const id = ids[(i * 7919) % ids.length];
    if (i % 2 === 0) withClaim.push(await write(id, true));
    else without.push(await write(id, false));
  }
  const line = (label: string, values: number[]) =>
    `${label}: p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (${values.length} writes)`;
  process.stdout.write(
    `${ferret ? `FerretDB (buildInfo says ${ferretVersion}; filter on _id alone)` : `MongoDB ${info.version} (filter on _id and version)`}, ${DOCUMENTS} documents, ${EARLIER_CLAIMS} earlier claims\n` +
      `${line('update without claim', without)}\n${line('claim + update', withClaim)}\n`,
  );
  await db.dropDatabase();
  await client.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
