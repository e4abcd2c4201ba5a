/**
 * Runs work for one key at a time within this process, in arrival order; different keys run in
 * parallel. Used around an aggregate's read-decide-write, because FerretDB v1 does not apply a
 * conditional update atomically (see docs/adr/0005-aggregate-writes-on-ferretdb.md): the version
 * condition alone keeps invariants on MongoDB, this lock keeps them on FerretDB.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // Forget the key once nobody queued behind us, so the map does not grow with every aggregate.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /**
   * Runs work holding several keys at once (a bulk import touching many aggregates). All keys are
   * taken in one synchronous step, so two callers can never each hold a part of the other's keys.
   */
  async runMany<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const unique = [...new Set(keys)];
    const previous = unique.map((key) => {
      const tail = this.tails.get(key) ?? Promise.resolve();
      this.tails.set(key, held);
      return tail;
    });
    try {
      await Promise.all(previous);
      return await work();
    } finally {
      release();
      for (const key of unique) if (this.tails.get(key) === held) this.tails.delete(key);
    }
  }

  /** Keys with work running or queued (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}

/** The lock key of an aggregate document: its collection and id. */
export const aggregateKey = (collection: string, id: unknown) => `${collection}:${String(id)}`;
