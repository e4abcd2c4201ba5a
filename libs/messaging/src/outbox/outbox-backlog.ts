/** What one collection's outbox holds that is not yet published, as this process's relays last saw it. */
export interface OutboxBacklogFigures {
  collection: string;
  /** Age of the oldest event not yet published, in seconds; 0 when none. */
  oldestPendingSeconds: number;
  /** Events read and not yet acknowledged; absent where the relay cannot count them without reading more. */
  pendingEvents?: number;
}

interface Pending {
  /** When a writer named the document and no read has seen it since (ms). */
  namedAt?: number;
  /** What the last read of the document found and no acknowledgement has removed yet. */
  read?: { since: number; events: number };
}

interface Tracked {
  countsEvents: boolean;
  pending: Map<string, Pending>;
}

/**
 * The age and size of what the relays have not yet published, kept from what they read anyway
 * while they drain: the figures cost no query (a scrape of `/metrics` reads only this).
 *
 * An event counts from its `createdAt` once a relay has read its document, until the broker has
 * acknowledged it and it was removed; a document a writer named but the relay could not read yet
 * (the database away) counts from when it was named. What a dead process or another instance
 * left in a document shows at the next sweep (the relay's poll interval).
 */
export class OutboxBacklog {
  private readonly collections = new Map<string, Tracked>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Reports `collection` (0 while nothing is pending). `countsEvents: false` leaves out its event count. */
  track(collection: string, options: { countsEvents?: boolean } = {}): void {
    if (!this.collections.has(collection))
      this.collections.set(collection, { countsEvents: options.countsEvents ?? true, pending: new Map() });
  }

  /** The time now, for `read(..., startedAt)`. */
  clock(): number {
    return this.now();
  }

  /** A writer stored events in this document (and named it to the relay). */
  named(collection: string, key: unknown): void {
    const pending = this.pendingOf(collection, key, true);
    if (pending && pending.namedAt === undefined) pending.namedAt = this.now();
  }

  /**
   * A read that started at `startedAt` found these entries pending in the document: they replace
   * what an earlier read found, and settle a naming from before the read.
   */
  read(collection: string, key: unknown, entries: ReadonlyArray<{ createdAt?: Date }>, startedAt: number): void {
    const pending = this.pendingOf(collection, key, entries.length > 0);
    if (!pending) return;
    if (pending.namedAt !== undefined && pending.namedAt <= startedAt) pending.namedAt = undefined;
    if (entries.length === 0) pending.read = undefined;
    else {
      let since = Infinity;
      for (const entry of entries) {
        const time = entry.createdAt?.getTime();
        if (time !== undefined && Number.isFinite(time)) since = Math.min(since, time);
      }
      pending.read = { since: since === Infinity ? startedAt : since, events: entries.length };
    }
    this.forgetIfEmpty(collection, key, pending);
  }

  /** The entries last read from the document were acknowledged by the broker and removed. */
  published(collection: string, key: unknown): void {
    const pending = this.pendingOf(collection, key, false);
    if (!pending) return;
    pending.read = undefined;
    this.forgetIfEmpty(collection, key, pending);
  }

  /** A sweep read every pending document of `collection`: those are `keys`; what it did not find is no longer pending. */
  swept(collection: string, keys: Iterable<unknown>): void {
    const tracked = this.collections.get(collection);
    if (!tracked) return;
    const found = new Set([...keys].map(String));
    for (const [key, pending] of tracked.pending) {
      if (found.has(key) || !pending.read) continue;
      pending.read = undefined;
      if (pending.namedAt === undefined) tracked.pending.delete(key);
    }
  }

  /** Per tracked collection, in the order tracked. */
  figures(): OutboxBacklogFigures[] {
    const now = this.now();
    return [...this.collections.entries()].map(([collection, { countsEvents, pending }]) => {
      let oldest = Infinity;
      let events = 0;
      for (const { namedAt, read } of pending.values()) {
        if (namedAt !== undefined) oldest = Math.min(oldest, namedAt);
        if (read) {
          oldest = Math.min(oldest, read.since);
          events += read.events;
        }
      }
      const oldestPendingSeconds = oldest === Infinity ? 0 : Math.max(0, (now - oldest) / 1000);
      return countsEvents
        ? { collection, oldestPendingSeconds, pendingEvents: events }
        : { collection, oldestPendingSeconds };
    });
  }

  private pendingOf(collection: string, key: unknown, create: boolean): Pending | undefined {
    const tracked = this.collections.get(collection);
    if (!tracked) return undefined;
    let pending = tracked.pending.get(String(key));
    if (!pending && create) {
      pending = {};
      tracked.pending.set(String(key), pending);
    }
    return pending;
  }

  private forgetIfEmpty(collection: string, key: unknown, pending: Pending): void {
    if (pending.namedAt === undefined && !pending.read) this.collections.get(collection)?.pending.delete(String(key));
  }
}
