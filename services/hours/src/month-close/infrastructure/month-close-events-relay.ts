import { KeyedLock } from '@stapsteen/concurrency';
import type { OutboxBacklog, OutboxPublisher } from '@stapsteen/messaging';
import type { Collection } from 'mongoose';
import {
  AttemptFateDocument,
  CloseEventsRef,
  EventChunkDocument,
  MONTH_CLOSE_EVENTS_COLLECTION,
  chunkId,
  fateId,
} from './close-event-chunks';

export interface MonthCloseEventsRelayOptions {
  /** How often to look for chunks a crashed process or another instance left. */
  pollIntervalMs: number;
  /** Drafts undecided this long (or decided-to-be but without close document) belong to a dead closer. */
  leaseMs: number;
  onError?: (error: unknown) => void;
  /**
   * Where the relay notes the age of a decided close's events not yet published (the outbox-age
   * metric, collection `month_close_events`), from the chunks it reads anyway. Events are not
   * counted: only the chunk in hand is read, not the ones after it.
   */
  backlog?: OutboxBacklog;
}

type DraftDocument = EventChunkDocument | AttemptFateDocument;
const isFate = (document: DraftDocument): document is AttemptFateDocument => 'fate' in document;

/** An ABANDONED fate is kept this long, so a closer stalled beyond the lease still loses to it. */
const KEEP_ABANDONED_MS = 24 * 3_600_000;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5000;
const SWEEP_LIMIT = 5000;

/**
 * Publishes the events of decided month closes from their chunk documents (ADR 25), chunk by
 * chunk in order, removing each chunk only after the broker acknowledged it: at least once, in
 * order per participant, never more than one chunk (≤ 2 MB) in memory.
 *
 * A close is decided by its close document, which names the attempt whose drafts hold its
 * events. Drafts of another attempt (a close that lost the race for the month) are removed
 * unpublished; drafts of an attempt without close document are removed once its closer is
 * certainly dead (the lease), after an ABANDONED fate was inserted so that closer can no
 * longer decide.
 */
export class MonthCloseEventsRelay {
  private readonly lock = new KeyedLock();
  private readonly targets = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private sweepDue = true;
  private stopped = true;
  /** Drains that failed in a row; the next try waits longer each time, up to RETRY_MAX_MS. */
  private failures = 0;

  constructor(
    private readonly closes: Collection<{ _id: string; events?: CloseEventsRef }>,
    private readonly drafts: Collection<DraftDocument>,
    private readonly publisher: OutboxPublisher,
    private readonly options: MonthCloseEventsRelayOptions,
  ) {
    options.backlog?.track(MONTH_CLOSE_EVENTS_COLLECTION, { countsEvents: false });
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

  /** After a close was decided, so its events go out now; without a close, a sweep. */
  nudge(closeId?: string): void {
    if (closeId) {
      this.targets.add(closeId);
      this.options.backlog?.named(MONTH_CLOSE_EVENTS_COLLECTION, closeId);
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
          this.sweepDue = true;
          // After a failure (the database or the broker away) try again soon, backing off up to
          // 5 s, so a close's events go out shortly after they return rather than at the next poll.
          const wait = failed
            ? Math.min(this.options.pollIntervalMs, RETRY_BASE_MS * 2 ** Math.min(this.failures - 1, 10), RETRY_MAX_MS)
            : this.options.pollIntervalMs;
          this.timer = setTimeout(() => this.nudge(), wait);
        }
      });
  }

  /** Publishes what is pending once: the named closes, then a sweep of the drafts if one is due. Returns the entries published and drafts removed. */
  async drainOnce(): Promise<number> {
    let done = 0;
    const targets = [...this.targets];
    this.targets.clear();
    for (const closeId of targets) {
      try {
        const startedAt = this.clock();
        const close = await this.closes.findOne({ _id: closeId }, { projection: { events: 1 } });
        if (close?.events) done += await this.publishAttempt(closeId, close.events);
        else this.options.backlog?.read(MONTH_CLOSE_EVENTS_COLLECTION, closeId, [], startedAt);
      } catch (error) {
        this.targets.add(closeId);
        throw error;
      }
    }
    if (this.sweepDue) {
      this.sweepDue = false;
      try {
        done += await this.sweep();
      } catch (error) {
        this.sweepDue = true;
        throw error;
      }
    }
    return done;
  }

  /** Every draft and fate left: the collection holds only what is not yet published or removed. */
  private async sweep(): Promise<number> {
    const documents = await this.drafts.find({}, { projection: { outbox: 0 }, limit: SWEEP_LIMIT }).toArray();
    const attempts = new Map<
      string,
      { closeId: string; attempt: string; chunks: EventChunkDocument[]; fate?: AttemptFateDocument }
    >();
    for (const document of documents) {
      const key = `${document.closeId}\u0000${document.attempt}`;
      const group = attempts.get(key) ?? { closeId: document.closeId, attempt: document.attempt, chunks: [] };
      if (isFate(document)) group.fate = document;
      else group.chunks.push(document);
      attempts.set(key, group);
    }
    let done = 0;
    for (const group of attempts.values()) done += await this.settle(group);
    // Not a full page: it held every draft left, so a close without drafts in it has nothing pending.
    if (documents.length < SWEEP_LIMIT)
      this.options.backlog?.swept(
        MONTH_CLOSE_EVENTS_COLLECTION,
        documents.map((document) => document.closeId),
      );
    return done;
  }

  private async settle(group: {
    closeId: string;
    attempt: string;
    chunks: EventChunkDocument[];
    fate?: AttemptFateDocument;
  }): Promise<number> {
    const { closeId, attempt, chunks, fate } = group;
    const close = await this.closes.findOne({ _id: closeId }, { projection: { events: 1 } });
    if (close?.events?.attempt === attempt) return this.publishAttempt(closeId, close.events);
    // Another attempt decided this month (or a close stored before chunks existed): never publish these.
    if (close) return this.remove(closeId, attempt, chunks, true);
    const now = Date.now();
    if (fate?.fate === 'ABANDONED') {
      const keepFate = now - fate.at.getTime() < KEEP_ABANDONED_MS;
      return this.remove(closeId, attempt, chunks, !keepFate);
    }
    if (fate?.fate === 'DECIDING') {
      // The closer inserted its fate but no close document within the lease: it died in between.
      if (now - fate.at.getTime() < this.options.leaseMs) return 0;
      return this.remove(closeId, attempt, chunks, true);
    }
    const startedAt = Math.min(...chunks.map((chunk) => chunk.startedAt.getTime()));
    if (now - startedAt < this.options.leaseMs) return 0; // still being written
    try {
      await this.drafts.insertOne({
        _id: fateId(closeId, attempt),
        closeId,
        attempt,
        fate: 'ABANDONED',
        at: new Date(),
      });
    } catch (error) {
      // The closer decided meanwhile: the next sweep finds its close document.
      if ((error as { code?: number }).code === 11000) return 0;
      throw error;
    }
    return this.remove(closeId, attempt, chunks, false);
  }

  /** Chunk by chunk, in order: publish, then remove. Then the attempt's fate: nothing of it is left. */
  private publishAttempt(closeId: string, events: CloseEventsRef): Promise<number> {
    return this.lock.run(closeId, async () => {
      const backlog = this.options.backlog;
      const startedAt = this.clock();
      let published = 0;
      for (let n = 0; n < events.chunks; n += 1) {
        const id = chunkId(closeId, events.attempt, n);
        const readAt = this.clock();
        const chunk = (await this.drafts.findOne({ _id: id })) as EventChunkDocument | null;
        if (!chunk) continue; // published and removed before (by us or another instance)
        // The chunk in hand holds the oldest events of the close not yet published.
        backlog?.read(MONTH_CLOSE_EVENTS_COLLECTION, closeId, chunk.outbox, readAt);
        await this.publisher.publish(chunk.outbox);
        await this.drafts.deleteOne({ _id: id });
        published += chunk.outbox.length;
      }
      const fate = await this.drafts.deleteOne({ _id: fateId(closeId, events.attempt) });
      // Every chunk the close named is published: nothing of it was pending when this began.
      backlog?.read(MONTH_CLOSE_EVENTS_COLLECTION, closeId, [], startedAt);
      return published + fate.deletedCount;
    });
  }

  private async remove(closeId: string, attempt: string, chunks: EventChunkDocument[], withFate: boolean) {
    for (const chunk of chunks) await this.drafts.deleteOne({ _id: chunk._id });
    const fate = withFate ? (await this.drafts.deleteOne({ _id: fateId(closeId, attempt) })).deletedCount : 0;
    return chunks.length + fate;
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
