interface Entry<T> {
  value: Promise<T>;
  until: number;
}

/**
 * Reads kept per key for `ttlMs`, shared by every caller meanwhile, including the one in flight.
 * For small documents read far more often than they change (an organisation's settings, the
 * dashboard's figures), where a reader may see another instance's change up to `ttlMs` late. A
 * failed read is not kept, so the next caller asks again. `ttlMs` 0 keeps nothing.
 */
export class SharedReads<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const kept = this.entries.get(key);
    if (kept && kept.until > now) return kept.value;
    const value = read();
    if (this.ttlMs <= 0) return value;
    const entry = { value, until: now + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      // Unless a newer entry replaced it meanwhile.
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** What this instance just stored is what the next reader gets. */
  set(key: string, value: T): void {
    if (this.ttlMs > 0) this.entries.set(key, { value: Promise.resolve(value), until: this.now() + this.ttlMs });
  }

  /** This instance changed the key in a way it cannot state as a value: the next reader reads again. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
