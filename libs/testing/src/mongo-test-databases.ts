import {
  AGGREGATE_CLAIMS_COLLECTION,
  ClaimCollection,
  KeyedLock,
  VersionClaims,
  WriteGuard,
} from '@stapsteen/concurrency';
import { randomUUID } from 'node:crypto';
import mongoose, { Connection } from 'mongoose';

/**
 * The run's real database (FerretDB, set by the integration global set-up) for an adapter's
 * contract test: one connection per test file, an empty database for each `fresh()`, and the
 * write guard the services build (ADR 18: claims on, the version condition where it is atomic).
 */
export function mongoTestDatabases() {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is set by the integration global set-up');
  let root: Connection | undefined;
  const opened: Connection[] = [];

  async function connection(): Promise<Connection> {
    root ??= await mongoose.createConnection(uri!, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    return root;
  }

  return {
    /** A connection to a database of its own, and the write guard over it. */
    async fresh(): Promise<{ connection: Connection; guard: WriteGuard }> {
      const database = (await connection()).useDb(`test-contract-${randomUUID().slice(0, 8)}`);
      opened.push(database);
      const info = await database.db!.admin().command({ buildInfo: 1 });
      const ferretDb = typeof info.ferretdbVersion === 'string' || typeof info.ferretdb === 'object';
      const claims = database.db!.collection(AGGREGATE_CLAIMS_COLLECTION) as unknown as ClaimCollection;
      return {
        connection: database,
        guard: { lock: new KeyedLock(), atomicConditions: !ferretDb, claims: new VersionClaims(claims) },
      };
    },
    async close(): Promise<void> {
      for (const database of opened.splice(0)) await database.db?.dropDatabase().catch(() => undefined);
      await root?.close();
    },
  };
}
