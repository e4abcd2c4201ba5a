import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation } from 'mongodb';
import type { Collection, Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CLOCK, Clock } from '../../shared/clock';
import {
  AlertInbox,
  InboxEntry,
  InboxKey,
  PARTICIPANT_ALERTS_COLLECTION,
  inboxEntriesOf,
} from '../application/alert-repository';
import type { ParticipantAlerts } from '../domain/alert';

/** One small document per unresolved alert, keyed by the alert's id. */
export const ALERT_INBOX_ENTRIES_COLLECTION = 'alert_inbox_entries';
/** Participants whose inbox entries may lag behind their alerts (a write in progress, or one that died). */
export const ALERT_INBOX_PENDING_COLLECTION = 'alert_inbox_pending';
/** Markers only: `BUILT_MARKER` once the entries were built (also the old per-region documents' home). */
export const ALERT_INBOX_COLLECTION = 'alert_inbox';
/** Present once the entries were built from the participants' alerts; its absence starts a rebuild. */
export const BUILT_MARKER = 'entries-built';

/** A pending marker older than this belongs to a write that will not finish it: repair it. */
const REPAIR_AFTER_MS = 60_000;
const REPAIR_EVERY_MS = 5 * 60_000;
const DUPLICATE_KEY = 11000;
const BUILD_CHUNK = 1000;
/**
 * The build's claim: replicas that start together on a database without entries build them once.
 * The insert of this `_id` is atomic on FerretDB and MongoDB alike (one wins, the rest get 11000).
 */
const BUILD_CLAIM = 'entries-building';
/** A builder that has not finished within this long is taken for dead, and its claim is taken over. */
const BUILD_LEASE_MS = 10 * 60_000;
/** How often a replica that lost the claim looks whether the build is done. */
const BUILD_WAIT_MS = 250;

type EntryDocument = Omit<InboxEntry, 'id'> & { _id: string };
/**
 * A write in progress. One participant's write: `_id` is the participant and the version it
 * started from, `participantId` says whose. A batch's write: one mark for all its participants
 * (`_id` `batch:<uuid>`, `participantIds`), one insert and one delete instead of one each.
 */
type PendingDocument = { _id: string; participantId?: string; participantIds?: string[]; at: Date };

/** A duplicate `_id` alone, also as the bulk error of an unordered insertMany. */
function onlyDuplicates(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: number; writeErrors?: { code: number } | Array<{ code: number }> };
  const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return errors.length > 0 ? errors.every((e) => e.code === DUPLICATE_KEY) : code === DUPLICATE_KEY;
}

const toDocument = ({ id, ...rest }: InboxEntry): EntryDocument => ({ _id: id, ...rest });
const toEntry = ({ _id, ...rest }: EntryDocument): InboxEntry => ({ id: _id, ...rest });

const sameEntry = (a: InboxEntry, b: InboxEntry) =>
  a.participantId === b.participantId &&
  a.organisationId === b.organisationId &&
  a.regionId === b.regionId &&
  a.kind === b.kind &&
  a.severity === b.severity &&
  a.status === b.status &&
  a.snoozedUntil === b.snoozedUntil &&
  a.raisedAt === b.raisedAt;

/**
 * The inbox read model as one small document per unresolved alert (issue 14): a new alert is an
 * insert of a new `_id`, a change a replace of an existing `_id`, a resolution a delete by `_id`,
 * each touching that alert alone. No document grows with the region, no two alerts wait on one
 * document, and no write looks up an `_id` that does not exist on the hot path (FerretDB v1
 * answers such a miss with a scan).
 *
 * A crash between a participant's alerts write and these writes is repaired: the writer marks the
 * participant pending (an insert) before its write and the sync removes the mark after; a mark
 * older than a minute is a write that died, and `repairPending` (at start-up and every five
 * minutes) writes that participant's entries again from the stored alerts. Every entry write is
 * idempotent, so a repair racing a late sync does no harm.
 */
@Injectable()
export class MongoAlertInbox implements AlertInbox, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MongoAlertInbox.name);
  private readonly entries: Collection<EntryDocument>;
  private readonly pending: Collection<PendingDocument>;
  private readonly markers: Collection<MarkerDocument>;
  private readonly alerts: Collection<ParticipantAlerts & { _id: string }>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.entries = connection.collection<EntryDocument>(ALERT_INBOX_ENTRIES_COLLECTION);
    this.pending = connection.collection<PendingDocument>(ALERT_INBOX_PENDING_COLLECTION);
    this.markers = connection.collection<MarkerDocument>(ALERT_INBOX_COLLECTION);
    this.alerts = connection.collection(PARTICIPANT_ALERTS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // MongoDB answers the region's and organisation's lists from these; FerretDB v1 scans anyway
    // (a collection of unresolved alerts only).
    await this.entries.createIndex({ regionId: 1 });
    await this.entries.createIndex({ organisationId: 1 });
    await this.build();
    await this.repairPending().catch((error) => this.logger.warn({ err: error }, 'Alert inbox repair failed'));
    this.timer = setInterval(
      () => void this.repairPending().catch((error) => this.logger.warn({ err: error }, 'Alert inbox repair failed')),
      REPAIR_EVERY_MS,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * A database without built entries (an upgrade, or a rebuild asked for by deleting the marker)
   * gets them once: one scan of the participants' alerts, then bulk inserts. Of several replicas
   * starting together, the one whose claim is stored builds; the others wait for its marker (or take
   * the claim over once its lease ran out: that builder died).
   */
  async build(): Promise<void> {
    for (;;) {
      if (await this.markers.findOne({ _id: BUILT_MARKER })) return;
      const claimedAt = Date.now();
      try {
        await this.markers.insertOne({ _id: BUILD_CLAIM, claimedAt });
      } catch (error) {
        if (!onlyDuplicates(error)) throw error;
        const claim = await this.markers.findOne({ _id: BUILD_CLAIM });
        if (claim?.claimedAt !== undefined && Date.now() - claim.claimedAt > BUILD_LEASE_MS) {
          this.logger.warn('Alert inbox build claim expired; taking it over');
          await this.markers.deleteOne({ _id: BUILD_CLAIM, claimedAt: claim.claimedAt });
        } else {
          await new Promise((resolve) => setTimeout(resolve, BUILD_WAIT_MS));
        }
        continue;
      }
      await this.buildEntries();
      return;
    }
  }

  private async buildEntries(): Promise<void> {
    const started = Date.now();
    await this.entries.deleteMany({});
    let participants = 0;
    let chunk: EntryDocument[] = [];
    const flush = async () => {
      if (chunk.length > 0) await this.entries.insertMany(chunk, { ordered: false });
      chunk = [];
    };
    for await (const document of this.alerts.find({}, { projection: { outbox: 0, appliedEventIds: 0 } })) {
      participants += 1;
      chunk.push(...inboxEntriesOf({ ...document, participantId: document._id }).map(toDocument));
      if (chunk.length >= BUILD_CHUNK) await flush();
    }
    await flush();
    await this.markers.insertOne({ _id: BUILT_MARKER }).catch((error: unknown) => {
      // A builder that took over an expired claim of ours finished first: the same entries.
      if (!onlyDuplicates(error)) throw error;
    });
    // The claim, and the per-region and per-organisation documents of the previous layout, go.
    await this.markers.deleteMany({ _id: { $ne: BUILT_MARKER } });
    this.logger.log(`Alert inbox built from ${participants} participants in ${Date.now() - started} ms`);
  }

  async read(keys: readonly InboxKey[]): Promise<InboxEntry[]> {
    const regions = keys.filter((k) => k.startsWith('region:')).map((k) => k.slice('region:'.length));
    const organisations = keys.filter((k) => k.startsWith('org:')).map((k) => k.slice('org:'.length));
    const filters: object[] = [
      ...regions.map((regionId) => ({ regionId })),
      ...(organisations.length === 1
        ? [{ organisationId: organisations[0] }]
        : organisations.length > 1
          ? [{ organisationId: { $in: organisations } }]
          : []),
    ];
    const found = new Map<string, InboxEntry>();
    for (const filter of filters)
      for (const document of await this.entries.find(filter).toArray()) found.set(document._id, toEntry(document));
    return [...found.values()];
  }

  async willChange(participantId: string, version: number): Promise<string> {
    const mark = `${participantId}:${version}`;
    try {
      await this.pending.insertOne({ _id: mark, participantId, at: this.clock.now() });
    } catch (error) {
      // Already marked (a retry of the same step, or a write that died): the mark stays until a sync.
      if (!onlyDuplicates(error)) throw error;
    }
    return mark;
  }

  async sync(previous: ParticipantAlerts | null, next: ParticipantAlerts, mark?: string): Promise<void> {
    await this.writeEntries(previous, next);
    // Not waited for: a mark left behind only costs a harmless repair later.
    if (mark)
      void this.pending
        .deleteOne({ _id: mark })
        .catch((error) => this.logger.warn({ err: error }, 'Alert inbox mark not removed'));
  }

  /** Writes again the entries of every participant whose mark is older than a minute; how many marks. */
  async repairPending(olderThanMs = REPAIR_AFTER_MS): Promise<number> {
    const before = new Date(this.clock.now().getTime() - olderThanMs);
    const marks = (await this.pending.find({}).toArray()).filter((mark) => mark.at <= before);
    const participants = marks.flatMap(
      (mark) => mark.participantIds ?? (mark.participantId ? [mark.participantId] : []),
    );
    for (const participantId of new Set(participants)) {
      const document = await this.alerts.findOne(
        { _id: participantId },
        { projection: { outbox: 0, appliedEventIds: 0 } },
      );
      if (document) await this.writeEntries(null, { ...document, participantId: document._id }, true);
    }
    for (const mark of marks) await this.pending.deleteOne({ _id: mark._id });
    if (marks.length > 0) this.logger.warn(`Alert inbox entries repaired for ${marks.length} participants`);
    return marks.length;
  }

  /**
   * One mark for the whole batch (issue 14: a mark and its removal per participant were two of
   * the six database writes per alert of a month close). Every step of the batch gets it.
   */
  async willChangeMany(steps: ReadonlyArray<{ participantId: string; version: number }>): Promise<string[]> {
    if (steps.length === 0) return [];
    const mark = `batch:${randomUUID()}`;
    await this.pending.insertOne({
      _id: mark,
      participantIds: [...new Set(steps.map((step) => step.participantId))],
      at: this.clock.now(),
    });
    return steps.map(() => mark);
  }

  async syncMany(
    changes: ReadonlyArray<{ previous: ParticipantAlerts | null; next: ParticipantAlerts; mark?: string }>,
  ): Promise<void> {
    const plans = changes.map(({ previous, next }) => this.plan(previous, next));
    await this.apply({
      inserts: plans.flatMap((p) => p.inserts),
      operations: plans.flatMap((p) => p.operations),
    });
    const marks = [...new Set(changes.flatMap(({ mark }) => (mark ? [mark] : [])))];
    if (marks.length > 0)
      void this.pending
        .bulkWrite(
          marks.map((mark) => ({ deleteOne: { filter: { _id: mark } } })),
          { ordered: false },
        )
        .catch((error) => this.logger.warn({ err: error }, 'Alert inbox marks not removed'));
  }

  private writeEntries(previous: ParticipantAlerts | null, next: ParticipantAlerts, full = false) {
    return this.apply(this.plan(previous, next, full));
  }

  /**
   * The writes that bring a participant's entries from `previous` to `next`. `full`: every alert
   * written or removed (a repair, not knowing what the inbox holds); otherwise only what changed.
   */
  private plan(previous: ParticipantAlerts | null, next: ParticipantAlerts, full = false): EntryWrites {
    const before = new Map((previous ? inboxEntriesOf(previous) : []).map((e) => [e.id, e]));
    const after = inboxEntriesOf(next);
    const operations: AnyBulkWriteOperation<EntryDocument>[] = [];
    const inserts: EntryDocument[] = [];
    for (const entry of after) {
      const earlier = before.get(entry.id);
      if (!full && earlier && sameEntry(earlier, entry)) continue;
      // A new alert is an insert (fast, no lookup); a known one a replace of an existing `_id`.
      if (!full && !earlier) inserts.push(toDocument(entry));
      else operations.push({ replaceOne: { filter: { _id: entry.id }, replacement: toDocument(entry), upsert: true } });
    }
    const open = new Set(after.map((e) => e.id));
    const gone = full ? next.alerts.map((a) => a.id) : [...before.keys()];
    for (const id of gone) if (!open.has(id)) operations.push({ deleteOne: { filter: { _id: id } } });
    return { inserts, operations };
  }

  private async apply({ inserts, operations }: EntryWrites): Promise<void> {
    if (inserts.length > 0) {
      try {
        await this.entries.insertMany(inserts, { ordered: false });
      } catch (error) {
        if (!onlyDuplicates(error)) throw error;
        // Written before (a repeated sync): replace them instead.
        for (const document of inserts)
          operations.push({ replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true } });
      }
    }
    if (operations.length > 0) await this.entries.bulkWrite(operations, { ordered: true });
  }
}

interface EntryWrites {
  inserts: EntryDocument[];
  operations: AnyBulkWriteOperation<EntryDocument>[];
}

interface MarkerDocument {
  _id: string;
  /** On the build claim: when its builder started (ms since the epoch). */
  claimedAt?: number;
}
