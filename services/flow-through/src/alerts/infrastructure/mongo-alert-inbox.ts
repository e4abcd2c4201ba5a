import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard, aggregateKey } from '@stapsteen/concurrency';
import type { Collection, Connection } from 'mongoose';
import {
  AlertInbox,
  InboxEntry,
  InboxKey,
  PARTICIPANT_ALERTS_COLLECTION,
  inboxEntriesOf,
} from '../application/alert-repository';
import type { ParticipantAlerts } from '../domain/alert';

export const ALERT_INBOX_COLLECTION = 'alert_inbox';
/** Present once the inbox was built from the participants' alerts; its absence starts a rebuild. */
const BUILT_MARKER = 'built';

interface InboxDocument {
  _id: string;
  /** Keyed by alert id (UUIDs: no `.` or `$`). */
  entries?: Record<string, InboxEntry>;
}

const keysOf = (state: Pick<ParticipantAlerts, 'organisationId' | 'regionId'>): InboxKey[] => [
  `region:${state.regionId}`,
  `org:${state.organisationId}`,
];

/**
 * The inbox read model on the MongoDB wire protocol: read by `_id` only; each change sets and
 * unsets single entries under the document's in-process lock (FerretDB applies an update as
 * read-change-write, ADR 5); on MongoDB `$set`/`$unset` are atomic in themselves.
 */
@Injectable()
export class MongoAlertInbox implements AlertInbox, OnModuleInit {
  private readonly logger = new Logger(MongoAlertInbox.name);
  private readonly collection: Collection<InboxDocument>;
  private readonly alerts: Collection<ParticipantAlerts & { _id: string }>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.collection = connection.collection<InboxDocument>(ALERT_INBOX_COLLECTION);
    this.alerts = connection.collection(PARTICIPANT_ALERTS_COLLECTION);
  }

  /**
   * A database that has participants' alerts but no inbox yet (an upgrade) gets one, once: one scan,
   * then one write per region and organisation. An alert changed during the build is right again
   * at its participant's next change.
   */
  async onModuleInit(): Promise<void> {
    if (await this.collection.findOne({ _id: BUILT_MARKER })) return;
    const started = Date.now();
    const byKey = new Map<InboxKey, Record<string, InboxEntry>>();
    let participants = 0;
    for await (const document of this.alerts.find({}, { projection: { outbox: 0, appliedEventIds: 0 } })) {
      participants += 1;
      const state = { ...document, participantId: document._id };
      for (const key of keysOf(state)) {
        const entries = byKey.get(key) ?? {};
        for (const entry of inboxEntriesOf(state)) entries[entry.id] = entry;
        byKey.set(key, entries);
      }
    }
    for (const [key, entries] of byKey)
      await this.guard.lock.run(aggregateKey(ALERT_INBOX_COLLECTION, key), async () => {
        await this.collection.updateOne({ _id: key }, { $set: { entries } }, { upsert: true });
      });
    await this.collection.updateOne({ _id: BUILT_MARKER }, { $set: { entries: {} } }, { upsert: true });
    this.logger.log(`Alert inbox built from ${participants} participants in ${Date.now() - started} ms`);
  }

  async read(keys: readonly InboxKey[]): Promise<InboxEntry[]> {
    const documents = await Promise.all(keys.map((key) => this.collection.findOne({ _id: key })));
    const entries = new Map<string, InboxEntry>();
    for (const document of documents)
      for (const entry of Object.values(document?.entries ?? {})) entries.set(entry.id, entry);
    return [...entries.values()];
  }

  async sync(previous: ParticipantAlerts | null, next: ParticipantAlerts): Promise<void> {
    const unresolved = inboxEntriesOf(next);
    const keep = new Set(unresolved.map((e) => e.id));
    const gone = next.alerts.filter((a) => !keep.has(a.id)).map((a) => a.id);
    for (const key of keysOf(next)) await this.update(key, unresolved, gone);
    // A participant who moved: their alerts leave the old organisation's and region's lists.
    if (previous)
      for (const key of keysOf(previous))
        if (!keysOf(next).includes(key))
          await this.update(
            key,
            [],
            previous.alerts.map((a) => a.id),
          );
  }

  private update(key: InboxKey, set: InboxEntry[], unset: string[]): Promise<void> {
    if (set.length === 0 && unset.length === 0) return Promise.resolve();
    return this.guard.lock.run(aggregateKey(ALERT_INBOX_COLLECTION, key), async () => {
      await this.collection.updateOne(
        { _id: key },
        {
          ...(set.length > 0 ? { $set: Object.fromEntries(set.map((e) => [`entries.${e.id}`, e])) } : {}),
          ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((id) => [`entries.${id}`, ''])) } : {}),
        },
        { upsert: true },
      );
    });
  }
}
