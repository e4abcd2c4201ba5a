import { randomUUID } from 'node:crypto';
import mongoose, { Connection } from 'mongoose';
import type { PasswordLink } from '../domain/password-link';
import { MongoPasswordLinkStore } from './mongo-stores';

/** The single use of a link on the real database: FerretDB in the test stack (MongoDB 7 in production). */
describe('MongoPasswordLinkStore', () => {
  let connection: Connection;
  let store: MongoPasswordLinkStore;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(process.env.MONGODB_URI!, { dbName: `test-links-${randomUUID().slice(0, 8)}` })
      .asPromise();
    store = new MongoPasswordLinkStore(connection);
  });
  afterAll(async () => connection?.close());

  const link = (expiresAt = Date.now() + 3600_000): PasswordLink => ({
    id: randomUUID().replace(/-/g, ''),
    userId: 'user-1',
    kind: 'RESET',
    issuedAt: Date.now(),
    expiresAt,
    serial: randomUUID(),
  });

  it('lets exactly one of 20 parallel claims of one link win, and marks it used', async () => {
    for (let round = 0; round < 5; round += 1) {
      const one = link();
      await store.create(one);
      expect(await store.isUsed(one.id)).toBe(false);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.claim(one, Date.now())));
      expect(outcomes.filter((o) => o === 'CLAIMED')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'TAKEN')).toHaveLength(19);
      expect(await store.isUsed(one.id)).toBe(true);
      expect(await store.byId(one.id)).toEqual(one);
    }
  });

  it('purges links and their use marks that expired before the cut-off, and keeps the rest', async () => {
    const old = link(Date.now() - 10_000);
    const fresh = link();
    await Promise.all([store.create(old), store.create(fresh)]);
    await store.claim(old, Date.now());
    expect(await store.purgeExpired(Date.now() - 5_000)).toBe(2);
    expect(await store.byId(old.id)).toBeNull();
    expect(await store.isUsed(old.id)).toBe(false);
    expect(await store.byId(fresh.id)).toEqual(fresh);
  });
});
