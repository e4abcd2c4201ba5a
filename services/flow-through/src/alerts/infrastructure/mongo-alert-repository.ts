import { readScopeFilter } from '@stapsteen/auth';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard, guardedFilter } from '@stapsteen/concurrency';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import {
  AlertRepository,
  AlertScopeQuery,
  AlertsOwner,
  PARTICIPANT_ALERTS_COLLECTION,
  StoreWrite,
  StoredParticipantAlerts,
} from '../application/alert-repository';
import type { ParticipantAlerts } from '../domain/alert';

type ParticipantAlertsDocument = Omit<ParticipantAlerts, 'participantId'> & {
  _id: string;
  version: number;
  appliedEventIds: string[];
  outbox: OutboxEntry[];
};

const DUPLICATE_KEY = 11000;
/** Reads of one batch in flight at once. */
const READS_AT_ONCE = 8;

interface WriteError {
  index: number;
  code: number;
}

export { PARTICIPANT_ALERTS_COLLECTION };

/** One document per participant holding all their alerts, its outbox and the events it applied. */
@Injectable()
export class MongoAlertRepository implements AlertRepository, OnModuleInit {
  private readonly collection: Collection<ParticipantAlertsDocument>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.collection = connection.collection<ParticipantAlertsDocument>(PARTICIPANT_ALERTS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // The regional manager's alert inbox (GET /alerts, scoped by region).
    await this.collection.createIndex({ regionId: 1 });
    // The organisation staff's alert inbox (GET /alerts, scoped by organisation).
    await this.collection.createIndex({ organisationId: 1 });
  }

  async load(participantId: string): Promise<StoredParticipantAlerts | null> {
    // By _id alone: FerretDB v1 scans the collection for any other condition (ADR 6).
    const document = await this.collection.findOne({ _id: participantId }, { projection: { outbox: 0 } });
    return document
      ? { state: toState(document), version: document.version, appliedEventIds: document.appliedEventIds ?? [] }
      : null;
  }

  async insert(state: ParticipantAlerts, outbox: OutboxEntry[], appliedEventId: string | null): Promise<boolean> {
    const { participantId, ...rest } = state;
    try {
      await this.collection.insertOne({
        _id: participantId,
        ...rest,
        version: 1,
        appliedEventIds: appliedEventId ? [appliedEventId] : [],
        outbox,
      });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async update(
    state: ParticipantAlerts,
    expectedVersion: number,
    outbox: OutboxEntry[],
    appliedEventId: string | null,
  ): Promise<boolean> {
    const { participantId, ...rest } = state;
    // One writer per version step across instances (ADR 18): the claim's unique `_id` decides,
    // since FerretDB v1 does not apply the version condition atomically.
    return this.guard.claims.write(
      PARTICIPANT_ALERTS_COLLECTION,
      participantId,
      expectedVersion,
      async () => {
        // $push rather than replacing the outbox: the relay may be removing published entries meanwhile.
        const result = await this.collection.updateOne(
          guardedFilter(this.guard, participantId, { version: expectedVersion }),
          {
            $set: { ...rest, version: expectedVersion + 1 },
            $push: {
              outbox: { $each: outbox },
              appliedEventIds: { $each: appliedEventId ? [appliedEventId] : [] },
            },
          },
        );
        return result.modifiedCount === 1;
      },
      async () =>
        (await this.collection.findOne({ _id: participantId }, { projection: { version: 1 } }))?.version ?? null,
    );
  }

  async loadMany(participantIds: readonly string[]): Promise<Map<string, StoredParticipantAlerts>> {
    // One `_id` read each, a few side by side: FerretDB v1 answers `$in` with a scan (issue 14),
    // and hundreds of reads at once exhausted its PostgreSQL pool (it stopped answering at all).
    const loaded = new Map<string, StoredParticipantAlerts>();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(READS_AT_ONCE, participantIds.length) }, async () => {
        while (next < participantIds.length) {
          const stored = await this.load(participantIds[next++]);
          if (stored) loaded.set(stored.state.participantId, stored);
        }
      }),
    );
    return loaded;
  }

  async storeMany(writes: readonly StoreWrite[]): Promise<boolean[]> {
    const stored = writes.map(() => false);
    const inserts = writes.flatMap((write, i) => (write.expectedVersion === null ? [i] : []));
    const updates = writes.flatMap((write, i) => (write.expectedVersion === null ? [] : [i]));
    if (inserts.length > 0) {
      const failed = new Set<number>();
      try {
        await this.collection.insertMany(
          inserts.map((i) => {
            const { participantId, ...rest } = writes[i].state;
            return {
              _id: participantId,
              ...rest,
              version: 1,
              appliedEventIds: writes[i].appliedEventIds,
              outbox: writes[i].outbox,
            };
          }),
          { ordered: false },
        );
      } catch (error) {
        const reported = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
        const failures = Array.isArray(reported) ? reported : reported ? [reported] : [];
        if (failures.length === 0 || failures.some((f) => f.code !== DUPLICATE_KEY)) throw error;
        for (const failure of failures) failed.add(failure.index);
      }
      inserts.forEach((i, k) => (stored[i] = !failed.has(k)));
    }
    if (updates.length === 0) return stored;
    const currentVersion = async (id: unknown) =>
      (await this.collection.findOne({ _id: String(id) }, { projection: { version: 1 } }))?.version ?? null;
    // One insert of every claim (ADR 18), then one bulk write of the steps this instance got.
    const claimed = await this.guard.claims.claimMany(
      PARTICIPANT_ALERTS_COLLECTION,
      updates.map((i) => ({ id: writes[i].state.participantId, version: writes[i].expectedVersion! })),
      currentVersion,
    );
    const mine = updates.filter((_, k) => claimed[k]);
    if (mine.length === 0) return stored;
    const result = await this.collection.bulkWrite(
      mine.map((i) => {
        const { state, expectedVersion, outbox, appliedEventIds } = writes[i];
        const { participantId, ...rest } = state;
        return {
          updateOne: {
            filter: guardedFilter(this.guard, participantId, { version: expectedVersion }),
            update: {
              $set: { ...rest, version: expectedVersion! + 1 },
              $push: { outbox: { $each: outbox }, appliedEventIds: { $each: appliedEventIds } },
            },
          },
        };
      }),
      { ordered: false },
    );
    if (result.modifiedCount === mine.length) {
      for (const i of mine) stored[i] = true;
      return stored;
    }
    // Some step did not land (MongoDB's version condition): the claimed ones that moved on are ours.
    for (const i of mine)
      stored[i] = ((await currentVersion(writes[i].state.participantId)) ?? -1) > writes[i].expectedVersion!;
    return stored;
  }

  async ensure(owner: AlertsOwner): Promise<void> {
    const empty: ParticipantAlerts = { ...owner, alerts: [] };
    // Version 0: a document nobody decided on yet; the first alert is an update like any other.
    const { participantId, ...rest } = empty;
    try {
      await this.collection.insertOne({ _id: participantId, ...rest, version: 0, appliedEventIds: [], outbox: [] });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  async list(scope: AlertScopeQuery): Promise<ParticipantAlerts[]> {
    const documents = await this.collection
      .find(readScopeFilter(scope), { projection: { outbox: 0, appliedEventIds: 0 } })
      .toArray();
    return documents.map(toState);
  }
}

function toState(document: ParticipantAlertsDocument): ParticipantAlerts {
  return {
    participantId: document._id,
    organisationId: document.organisationId,
    regionId: document.regionId,
    alerts: document.alerts ?? [],
  };
}
