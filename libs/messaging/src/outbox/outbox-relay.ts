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
  updateOne(filter: object, update: object): Promise<unknown>;
}

export interface OutboxRelayOptions {
  pollIntervalMs: number;
  /**
   * Runs the removal of published entries under the same per-aggregate lock as the writers: on
   * FerretDB v1 an update is a read followed by a write, so an unserialised removal could drop an
   * event a writer appended in between.
   */
  serialize?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

const PENDING = { 'outbox.0': { $exists: true } };

/**
 * Moves events from aggregates' outboxes to Kafka. A write stores its events in the same document
 * update as the state change; the relay publishes them and only then removes exactly those
 * entries. If the process dies in between, the events are still in the document and the next
 * relay publishes them (at least once; consumers de-duplicate by event id).
 *
 * Removal uses `$pullAll` with the entries as read: FerretDB v1 ignores `$pull` with a condition,
 * while exact-value removal works on both FerretDB and MongoDB, and leaves entries that a
 * concurrent write appended meanwhile untouched.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly collections: OutboxCollection[],
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.nudge();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
  }

  /** Called after a write that stored events, so they go out now rather than at the next poll. */
  nudge(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.draining = this.drainUntilEmpty()
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.draining = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.nudge();
        } else {
          this.timer = setTimeout(() => this.nudge(), this.options.pollIntervalMs);
        }
      });
  }

  /** Publishes everything pending once; returns how many events went out. */
  async drainOnce(): Promise<number> {
    let published = 0;
    for (const collection of this.collections) {
      const documents = await collection
        .find(PENDING, { projection: { outbox: 1 }, limit: this.options.batchSize ?? 200 })
        .toArray();
      const pending = documents.filter((document) => (document.outbox ?? []).length > 0);
      if (pending.length === 0) continue;
      // One broker round trip for the whole page; entries keep their order within each key.
      await this.publisher.publish(pending.flatMap((document) => document.outbox ?? []));
      const serialize = this.options.serialize ?? ((_key, work) => work());
      for (const document of pending) {
        await serialize(`${collection.collectionName}:${String(document._id)}`, () =>
          collection.updateOne({ _id: document._id }, { $pullAll: { outbox: document.outbox } }),
        );
        published += document.outbox?.length ?? 0;
      }
    }
    return published;
  }

  private async drainUntilEmpty(): Promise<void> {
    while (!this.stopped && (await this.drainOnce()) > 0) {
      this.again = false;
    }
  }
}
