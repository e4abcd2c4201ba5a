import type { OutboxBacklog } from './outbox-backlog';
import type { OutboxEntry } from './outbox-entry';

/** Publishes one aggregate's pending events; resolves only once the broker acknowledged all. */
export interface OutboxPublisher {
  publish(entries: OutboxEntry[]): Promise<void>;
}

/** The part of a MongoDB collection the relay uses (the native driver's `Collection` fits). */
export interface OutboxCollection {
  readonly collectionName: string;
  find(
    filter: object,
    options: { projection: object; limit: number },
  ): { toArray(): Promise<Array<{ _id: unknown; outbox?: OutboxEntry[] }>> };
  findOne(filter: object, options: { projection: object }): Promise<{ _id: unknown; outbox?: OutboxEntry[] } | null>;
  updateOne(filter: object, update: object): Promise<unknown>;
  /** Several updates in one round trip (the driver's); a batched removal uses it where present. */
  bulkWrite?(
    operations: Array<{ updateOne: { filter: object; update: object } }>,
    options: { ordered: false },
  ): Promise<{ modifiedCount?: number }>;
}

/** The document a write just stored events in. */
export interface OutboxTarget {
  collection: string;
  id: unknown;
}

export interface OutboxRelayOptions {
  /** How often to sweep every collection for events a crashed process (or another instance) left. */
  pollIntervalMs: number;
  /**
   * Runs the removal of published entries under the same per-aggregate lock as the writers: on
   * FerretDB v1 an update is a read followed by a write, so an unserialised removal could drop an
   * event a writer appended in between.
   */
  serialize?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  batchSize?: number;
  onError?: (error: unknown) => void;
  /** Where the relay notes what it read and has not yet published (the outbox-age metrics). */
  backlog?: OutboxBacklog;
}

/** Removes the published entries from one document. */
export type PublishedRemoval = (collection: OutboxCollection, id: unknown, published: OutboxEntry[]) => Promise<void>;

/** Removes the published entries from several documents of one collection at once. */
export type PublishedRemovalMany = (
  collection: OutboxCollection,
  documents: Array<{ id: unknown; published: OutboxEntry[] }>,
) => Promise<void>;

/** At most this many documents go to one batched removal. */
const REMOVAL_BATCH = 200;
/** Named documents read side by side. */
const READS_AT_ONCE = 8;

const PENDING = { 'outbox.0': { $exists: true } };
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5000;

/**
 * Moves events from aggregates' outboxes to Kafka. A write stores its events in the same document
 * update as the state change; the relay publishes them and only then removes exactly those
 * entries. If the process dies in between, the events are still in the document and the next
 * relay publishes them (at least once; consumers de-duplicate by event id).
 *
 * A write names the document it stored events in (`nudge(target)`), so normal operation reads
 * those documents by `_id`; the sweep over whole collections — a scan on FerretDB v1 — runs only
 * at start, on a timer and when a writer does not say where.
 *
 * Removal uses `$pullAll` with the entries as read: FerretDB v1 ignores `$pull` with a condition,
 * while exact-value removal works on both FerretDB and MongoDB, and leaves entries that a
 * concurrent write appended meanwhile untouched.
 *
 * What it reads and has not yet published it notes in the `backlog` (the outbox-age metrics), so
 * a scrape costs no query.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private sweepDue = true;
  private readonly targets = new Map<string, OutboxTarget>();
  private removal: PublishedRemoval | undefined;
  private removalMany: PublishedRemovalMany | undefined;
  /** Drains that failed in a row; the next try waits longer each time, up to RETRY_MAX_MS. */
  private failures = 0;

  constructor(
    private readonly collections: OutboxCollection[],
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions,
  ) {
    for (const collection of collections) options.backlog?.track(collection.collectionName);
  }

  /**
   * Removes published entries through `removal` instead of the plain `$pullAll`: where writes are
   * version-claimed across processes (ADR 18), the removal must be a claimed write too.
   * `removalMany`, when given, removes a whole batch's entries of one collection at once (one
   * claim insert and one bulk write for all its documents instead of one of each per document).
   */
  removePublishedWith(removal: PublishedRemoval, removalMany?: PublishedRemovalMany): void {
    this.removal = removal;
    this.removalMany = removalMany;
  }

  start(): void {
    this.stopped = false;
    this.sweepDue = true;
    this.nudge();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
  }

  /** Called after a write that stored events, so they go out now rather than at the next sweep. */
  nudge(target?: OutboxTarget): void {
    if (target) {
      this.targets.set(`${target.collection}:${String(target.id)}`, target);
      this.options.backlog?.named(target.collection, target.id);
    } else this.sweepDue = true;
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    let failed = false;
    this.draining = this.drainUntilEmpty()
      .then(() => {
        this.failures = 0;
      })
      .catch((error) => {
        failed = true;
        this.failures += 1;
        this.options.onError?.(error);
      })
      .finally(() => {
        this.draining = undefined;
        if (this.stopped) return;
        if (this.again && !failed) {
          this.again = false;
          this.nudge();
        } else {
          // After a failure (the database or the broker away) try again soon, backing off up to
          // RETRY_MAX_MS, rather than only at the next sweep: what is pending goes out shortly
          // after they return, by itself.
          const wait = failed
            ? Math.min(this.options.pollIntervalMs, RETRY_BASE_MS * 2 ** Math.min(this.failures - 1, 10), RETRY_MAX_MS)
            : this.options.pollIntervalMs;
          this.timer = setTimeout(() => this.nudge(), wait);
        }
      });
  }

  /** Publishes what is pending once: the named documents, then a sweep if one is due. */
  async drainOnce(): Promise<number> {
    let published = await this.drainTargets();
    if (this.sweepDue) {
      this.sweepDue = false;
      try {
        published += await this.sweep();
      } catch (error) {
        this.sweepDue = true;
        throw error;
      }
    }
    return published;
  }

  private async drainTargets(): Promise<number> {
    const byCollection = new Map(this.collections.map((c) => [c.collectionName, c]));
    const targets = [...this.targets.entries()];
    this.targets.clear();
    const reads: Array<{ key: string; target: OutboxTarget; collection: OutboxCollection }> = [];
    for (const [key, target] of targets) {
      const collection = byCollection.get(target.collection);
      if (collection) reads.push({ key, target, collection });
      else this.sweepDue = true;
    }
    // One `_id` read each, a few side by side (`$in` is a scan on FerretDB v1), kept in their order.
    const read: Array<{ collection: OutboxCollection; document: { _id: unknown; outbox?: OutboxEntry[] } } | null> =
      reads.map(() => null);
    let next = 0;
    let failure: { error: unknown } | undefined;
    await Promise.all(
      Array.from({ length: Math.min(READS_AT_ONCE, reads.length) }, async () => {
        while (next < reads.length && !failure) {
          const { target, collection } = reads[next];
          const i = next++;
          try {
            const startedAt = this.clock();
            const document = await collection.findOne({ _id: target.id }, { projection: { outbox: 1 } });
            this.options.backlog?.read(target.collection, target.id, document?.outbox ?? [], startedAt);
            if (document?.outbox?.length) read[i] = { collection, document };
          } catch (error) {
            failure ??= { error };
          }
        }
      }),
    );
    if (failure) {
      // Nothing of this round is published: every named document is tried again.
      for (const { key, target } of reads) this.targets.set(key, target);
      throw failure.error;
    }
    const documents = read.filter((item) => item !== null);
    if (documents.length === 0) return 0;
    try {
      await this.publishAndRemove(documents);
    } catch (error) {
      // Not lost: they are still in their documents; try these again first.
      for (const { collection, document } of documents) {
        this.targets.set(`${collection.collectionName}:${String(document._id)}`, {
          collection: collection.collectionName,
          id: document._id,
        });
      }
      throw error;
    }
    return documents.reduce((sum, { document }) => sum + (document.outbox?.length ?? 0), 0);
  }

  /** Every collection, for whatever a crashed process or another instance left behind. */
  private async sweep(): Promise<number> {
    let published = 0;
    for (const collection of this.collections) {
      const startedAt = this.clock();
      const documents = await collection
        .find(PENDING, { projection: { outbox: 1 }, limit: this.options.batchSize ?? 200 })
        .toArray();
      const pending = documents.filter((document) => (document.outbox ?? []).length > 0);
      const backlog = this.options.backlog;
      if (backlog) {
        for (const { _id, outbox } of documents) backlog.read(collection.collectionName, _id, outbox ?? [], startedAt);
        // A page that is not full holds every pending document: what it lacks was published meanwhile.
        if (documents.length < (this.options.batchSize ?? 200))
          backlog.swept(
            collection.collectionName,
            pending.map((document) => document._id),
          );
      }
      if (pending.length === 0) continue;
      await this.publishAndRemove(pending.map((document) => ({ collection, document })));
      published += pending.reduce((sum, document) => sum + (document.outbox?.length ?? 0), 0);
      // A full page may mean more is waiting.
      if (documents.length >= (this.options.batchSize ?? 200)) this.sweepDue = true;
    }
    return published;
  }

  /** One broker round trip for the whole batch; entries keep their order within each key. */
  private async publishAndRemove(
    items: Array<{ collection: OutboxCollection; document: { _id: unknown; outbox?: OutboxEntry[] } }>,
  ) {
    await this.publisher.publish(items.flatMap(({ document }) => document.outbox ?? []));
    const removalMany = this.removalMany;
    if (removalMany) {
      const byCollection = new Map<OutboxCollection, Array<{ _id: unknown; outbox?: OutboxEntry[] }>>();
      for (const { collection, document } of items) {
        const documents = byCollection.get(collection) ?? [];
        documents.push(document);
        byCollection.set(collection, documents);
      }
      for (const [collection, documents] of byCollection) {
        for (let start = 0; start < documents.length; start += REMOVAL_BATCH) {
          const batch = documents.slice(start, start + REMOVAL_BATCH);
          await removalMany(
            collection,
            batch.map((document) => ({ id: document._id, published: document.outbox ?? [] })),
          );
          for (const document of batch) this.options.backlog?.published(collection.collectionName, document._id);
        }
      }
      return;
    }
    const serialize = this.options.serialize ?? ((_key, work) => work());
    for (const { collection, document } of items) {
      if (this.removal) await this.removal(collection, document._id, document.outbox ?? []);
      else
        await serialize(`${collection.collectionName}:${String(document._id)}`, () =>
          collection.updateOne({ _id: document._id }, { $pullAll: { outbox: document.outbox } }),
        );
      this.options.backlog?.published(collection.collectionName, document._id);
    }
  }

  private clock(): number {
    return this.options.backlog?.clock() ?? Date.now();
  }

  private async drainUntilEmpty(): Promise<void> {
    while (!this.stopped && (await this.drainOnce()) > 0) {
      this.again = false;
    }
  }
}
