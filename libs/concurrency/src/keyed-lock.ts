/**
 * Runs work for one key at a time within this process, in arrival order; different keys run in
 * parallel. Used around an aggregate's read-decide-write (docs/adr/0005 and 0018): across
 * processes the version claims (`VersionClaims`) keep invariants on FerretDB and MongoDB alike;
 * this lock makes the writers of one process queue instead of racing each other for the claims.
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
