import {
  CLAIM_RETENTION_SECONDS,
  ClaimCollection,
  ClaimDocument,
  VersionClaims,
  claimId,
  sweepOldClaims,
} from './version-claims';

/** Unique `_id`s like the database: a second insert of one id fails with 11000. */
class InMemoryClaims implements ClaimCollection {
  readonly documents = new Map<string, ClaimDocument>();

  async insertOne(document: ClaimDocument) {
    await Promise.resolve();
    if (this.documents.has(document._id)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
    this.documents.set(document._id, document);
  }

  async insertMany(documents: ClaimDocument[]) {
    await Promise.resolve();
    const writeErrors: Array<{ index: number; code: number }> = [];
    documents.forEach((document, index) => {
      if (this.documents.has(document._id)) writeErrors.push({ index, code: 11000 });
      else this.documents.set(document._id, document);
    });
    if (writeErrors.length > 0) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000, writeErrors });
  }

  async findOne(filter: { _id: string }) {
    await Promise.resolve();
    return this.documents.get(filter._id) ?? null;
  }
}

/**
 * An aggregate whose conditional update is not atomic, like FerretDB v1: the write checks the
 * version it read earlier, then stores its value after a pause in which others may write.
 */
function nonAtomicDocument() {
  const state = { version: 1, value: 0 };
  return {
    state,
    async load() {
      await Promise.resolve();
      return { ...state };
    },
    async writeIfVersion(expected: number, value: number) {
      const seen = { ...state };
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (seen.version !== expected) return false;
      state.version = expected + 1;
      state.value = value;
      return true;
    },
  };
}

const atVersion = (version: number) => async () => version;

function setUp(options: { enabled?: boolean } = {}) {
  let now = 1_000_000;
  const store = new InMemoryClaims();
  const claims = new VersionClaims(store, {
    leaseMs: 30_000,
    retryDelayMs: () => 0,
    maxWaitMs: 20,
    now: () => now,
    enabled: options.enabled,
  });
  return { store, claims, advance: (ms: number) => (now += ms) };
}

/** The read-decide-write loop every aggregate write uses: add one, with a claim per step. */
async function increment(claims: VersionClaims, document: ReturnType<typeof nonAtomicDocument>) {
  for (let attempt = 1; attempt <= 200; attempt++) {
    const loaded = await document.load();
    const written = await claims.write(
      'counters',
      'c1',
      loaded.version,
      () => document.writeIfVersion(loaded.version, loaded.value + 1),
      async () => document.state.version,
    );
    if (written) return;
  }
  throw new Error('busy');
}

describe('version claims', () => {
  it('lets exactly one of many concurrent writers take a version step; the others re-read and add theirs', async () => {
    const { claims } = setUp();
    const document = nonAtomicDocument();
    await Promise.all(Array.from({ length: 30 }, () => increment(claims, document)));
    expect(document.state).toEqual({ version: 31, value: 30 });
  });

  it('loses increments without the claims on a database whose conditional update is not atomic', async () => {
    const { claims } = setUp({ enabled: false });
    const document = nonAtomicDocument();
    await Promise.all(Array.from({ length: 30 }, () => increment(claims, document)));
    expect(document.state.value).toBeLessThan(30);
  });

  it('keeps the claim after the write, so a writer that read the old version long ago still loses', async () => {
    const { claims, store, advance } = setUp();
    expect(await claims.write('counters', 'c1', 1, async () => true, atVersion(2))).toBe(true);
    advance(60_000);
    let wrote = false;
    expect(await claims.write('counters', 'c1', 1, async () => (wrote = true), atVersion(2))).toBe(false);
    expect(wrote).toBe(false);
    expect([...store.documents.keys()]).toEqual(['counters:c1:1']);
  });

  it('makes a writer wait while a young claim on the same step may still be written', async () => {
    const { claims, store, advance } = setUp();
    await store.insertOne({ _id: claimId('counters', 'c1', 4), at: new Date(1_000_000) });
    advance(29_999);
    expect(await claims.write('counters', 'c1', 4, async () => true, atVersion(4))).toBe(false);
  });

  it('lets a loser wait until the winner has written, so that its caller re-reads the new version', async () => {
    const { claims, store } = setUp();
    await store.insertOne({ _id: claimId('counters', 'c1', 4), at: new Date(1_000_000) });
    let looks = 0;
    const landsOnThirdLook = async () => ((looks += 1), looks < 3 ? 4 : 5);
    expect(await claims.write('counters', 'c1', 4, async () => true, landsOnThirdLook)).toBe(false);
    expect(looks).toBe(3);
  });

  it('passes over a claim older than the lease (its writer died) by claiming the next generation, once', async () => {
    const { claims, store, advance } = setUp();
    await store.insertOne({ _id: claimId('counters', 'c1', 4), at: new Date(1_000_000) });
    advance(30_000);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => claims.write('counters', 'c1', 4, async () => true, atVersion(4))),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(store.documents.has('counters:c1:4:1')).toBe(true);
  });

  it('claims many steps in one call and says which this caller got', async () => {
    const { claims, store } = setUp();
    await store.insertOne({ _id: claimId('years', 'p2:2026', 3), at: new Date(1_000_000) });
    const got = await claims.claimMany(
      'years',
      [
        { id: 'p1:2026', version: 1 },
        { id: 'p2:2026', version: 3 },
        { id: 'p3:2026', version: 7 },
      ],
      async () => 3,
    );
    expect(got).toEqual([true, false, true]);
  });

  it('claims nothing and lets every write through when turned off', async () => {
    const { claims, store } = setUp({ enabled: false });
    expect(await claims.write('counters', 'c1', 1, async () => true, atVersion(1))).toBe(true);
    expect(await claims.claimMany('years', [{ id: 'p1:2026', version: 1 }], async () => 1)).toEqual([true]);
    expect(store.documents.size).toBe(0);
  });
});

describe('sweeping old claims', () => {
  it('deletes the claims older than a day and no younger one', async () => {
    const now = Date.now();
    const claims = [
      { _id: 'old', at: new Date(now - CLAIM_RETENTION_SECONDS * 1000 - 60_000) },
      { _id: 'young', at: new Date(now - CLAIM_RETENTION_SECONDS * 1000 + 60_000) },
    ];
    let kept = claims;
    await sweepOldClaims({
      deleteMany: async ({ at }) => {
        kept = kept.filter((claim) => !(claim.at < at.$lt));
      },
    });
    expect(kept.map((claim) => claim._id)).toEqual(['young']);
  });
});
