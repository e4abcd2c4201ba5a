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
    const filter: Record<string, unknown> = {};
    if (scope.regionId !== undefined) filter.regionId = scope.regionId;
    if (scope.organisationIds !== undefined)
      filter.organisationId =
        scope.organisationIds.length === 1 ? scope.organisationIds[0] : { $in: [...scope.organisationIds] };
    const documents = await this.collection.find(filter, { projection: { outbox: 0, appliedEventIds: 0 } }).toArray();
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
