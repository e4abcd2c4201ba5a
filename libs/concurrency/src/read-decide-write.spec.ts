import { KeyedLock } from './keyed-lock';
import { Loaded, readDecideWrite } from './read-decide-write';

/** A store whose writes check the version, yielding between read and write as a database does. */
function counterStore() {
  let stored: Loaded<number> | null = null;
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const store = {
    writes: 0,
    current: () => stored,
    load: async () => {
      await tick();
      return stored ? { ...stored } : null;
    },
    insert: async (next: number) => {
      await tick();
      if (stored) return false;
      stored = { value: next, version: 1 };
      store.writes += 1;
      return true;
    },
    update: async (next: number, expectedVersion: number) => {
      await tick();
      if (!stored || stored.version !== expectedVersion) return false;
      stored = { value: next, version: expectedVersion + 1 };
      store.writes += 1;
      return true;
    },
  };
  return store;
}

const capped = (store: ReturnType<typeof counterStore>, cap: number, attempts?: number) =>
  readDecideWrite({
    key: 'counters:c1',
    load: store.load,
    decide: (loaded) => {
      const value = loaded?.value ?? 0;
      if (value >= cap) throw new Error('cap reached');
      return { next: value + 1, result: value + 1 };
    },
    insert: store.insert,
    update: store.update,
    busy: () => new Error('busy'),
    attempts,
  });

describe('read-decide-write', () => {
  it('creates the aggregate once and then re-reads after each lost step, so a cap holds under concurrency', async () => {
    const store = counterStore();
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => capped(store, 20, 100)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20);
    expect(
      outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message),
    ).toEqual(Array(10).fill('cap reached'));
    expect(store.current()).toEqual({ value: 20, version: 20 });
  });

  it('gives up with the busy error after its attempts when every step is lost', async () => {
    const store = counterStore();
    await capped(store, 5);
    let loads = 0;
    const losing = readDecideWrite({
      key: 'counters:c1',
      load: async () => ((loads += 1), store.load()),
      decide: (loaded) => ({ next: (loaded?.value ?? 0) + 1, result: 'written' }),
      insert: async () => false,
      update: async () => false,
      busy: () => new Error('busy'),
      attempts: 3,
    });
    await expect(losing).rejects.toThrow('busy');
    expect(loads).toBe(3);
  });

  it('writes nothing for a decision that changed nothing', async () => {
    const store = counterStore();
    await capped(store, 5);
    const result = await readDecideWrite({
      key: 'counters:c1',
      load: store.load,
      decide: (loaded) => ({ next: loaded?.value ?? 0, result: 'as it was', unchanged: true }),
      insert: store.insert,
      update: store.update,
      busy: () => new Error('busy'),
    });
    expect(result).toBe('as it was');
    expect(store.writes).toBe(1);
  });

  it('runs the writes of one process one at a time under the lock, so none of them loses a step', async () => {
    const store = counterStore();
    const lock = new KeyedLock();
    let updates = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        readDecideWrite({
          key: 'counters:c1',
          serialize: (key, work) => lock.run(key, work),
          load: store.load,
          decide: (loaded) => ({ next: (loaded?.value ?? 0) + 1, result: null }),
          insert: store.insert,
          update: async (next, version) => ((updates += 1), store.update(next, version)),
          busy: () => new Error('busy'),
        }),
      ),
    );
    expect(store.current()).toEqual({ value: 10, version: 10 });
    expect(updates).toBe(9);
  });
});
