import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { ReadScope } from '@stapsteen/auth';
import type { EventEnvelope } from '@stapsteen/contracts';
import { WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import { applyOnce, ProjectionCollection } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import { readScopeFilter } from '@stapsteen/auth';
import type {
  LowHoursState,
  ParticipantRoster,
  RosterEntry,
  TrajectoryWindow,
} from '../application/participant-roster';

interface RosterDocument {
  _id: string;
  organisationId?: string;
  regionId?: string;
  displayName?: string;
  coachId?: string | null;
  erased?: boolean;
  /** Keyed by trajectory id, so each event updates one entry without array positions. */
  trajectories?: Record<string, TrajectoryWindow>;
  lowHours?: LowHoursState | null;
  appliedEventIds: string[];
}

type Data = Record<string, unknown>;

export const ROSTER_COLLECTION = 'participant_roster';

/**
 * Coaching's own copy of what flow-through says about participants and trajectories and what hours
 * says about low hours. The three topics are consumed independently, so any of them may create the
 * document first; each event sets only its own fields.
 */
@Injectable()
export class MongoParticipantRoster implements ParticipantRoster, OnModuleInit {
  private readonly collection: Collection<RosterDocument>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.collection = connection.collection<RosterDocument>(ROSTER_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // The coach's and organiser's lists: an organisation's participants by name.
    await this.collection.createIndex({ organisationId: 1, displayName: 1 });
    // The manager's view over a region.
    await this.collection.createIndex({ regionId: 1 });
  }

  async apply(envelope: EventEnvelope<unknown>): Promise<boolean> {
    const data = envelope.data as Data;
    const once = (update: { $set: object }) =>
      applyOnce(
        this.collection as unknown as ProjectionCollection,
        envelope.participantId,
        envelope.eventId,
        update,
        this.guard,
      );
    switch (envelope.type) {
      case 'participant.enrolled':
      case 'participant.updated':
        return once({
          $set: {
            organisationId: data.organisationId,
            regionId: data.regionId,
            displayName: data.displayName,
            coachId: data.coachId,
          },
        });
      case 'participant.erased':
        // Keep only ids, so a late redelivery cannot bring the personal data back.
        return once({ $set: { erased: true, displayName: '', coachId: null } });
      case 'trajectory.started':
        return once({
          $set: {
            organisationId: data.organisationId,
            regionId: data.regionId,
            [`trajectories.${String(data.trajectoryId)}`]: {
              trajectoryId: data.trajectoryId,
              startedOn: data.startedOn,
              endedOn: null,
            },
          },
        });
      case 'trajectory.ended':
        return this.endTrajectory(envelope, data);
      case 'participant.low-hours-flagged':
        return once({
          $set: {
            organisationId: data.organisationId,
            regionId: data.regionId,
            lowHours: { flagged: true, month: data.month, severity: data.severity },
          },
        });
      case 'participant.low-hours-cleared':
        return once({ $set: { lowHours: { flagged: false, month: data.month, severity: null } } });
      default:
        return false;
    }
  }

  /** Events of one participant arrive in order on one partition, so read-then-write is safe here. */
  private async endTrajectory(envelope: EventEnvelope<unknown>, data: Data): Promise<boolean> {
    const id = String(data.trajectoryId);
    const document = await this.collection.findOne({ _id: envelope.participantId });
    const current = document?.trajectories?.[id] ?? { trajectoryId: id, startedOn: null, endedOn: null };
    return applyOnce(
      this.collection as unknown as ProjectionCollection,
      envelope.participantId,
      envelope.eventId,
      { $set: { [`trajectories.${id}`]: { ...current, endedOn: String(data.endedOn) } } },
      this.guard,
    );
  }

  async list(scope: ReadScope): Promise<RosterEntry[]> {
    const documents = await this.collection
      .find({ ...readScopeFilter(scope), erased: { $ne: true }, displayName: { $exists: true } })
      .sort({ displayName: 1 })
      .limit(5000)
      .toArray();
    return documents.map(toEntry);
  }

  async findById(participantId: string): Promise<RosterEntry | null> {
    // By _id alone: FerretDB v1 scans the collection for any other condition.
    const document = await this.collection.findOne({ _id: participantId });
    return document?.organisationId && !document.erased ? toEntry(document) : null;
  }

  async ids(): Promise<string[]> {
    const documents = await this.collection
      .find({ erased: { $ne: true } }, { projection: { _id: 1 } })
      .limit(100_000)
      .toArray();
    return documents.map((document) => document._id);
  }

  async regionOf(organisationId: string): Promise<string | null> {
    const document = await this.collection.findOne(
      { organisationId, regionId: { $exists: true } },
      { projection: { regionId: 1 } },
    );
    return document?.regionId ?? null;
  }

  async isErased(participantId: string): Promise<boolean> {
    const document = await this.collection.findOne({ _id: participantId }, { projection: { erased: 1 } });
    return document?.erased === true;
  }
}

function toEntry(document: RosterDocument): RosterEntry {
  return {
    participantId: document._id,
    organisationId: document.organisationId ?? '',
    regionId: document.regionId ?? '',
    displayName: document.displayName ?? '',
    coachId: document.coachId ?? null,
    trajectories: Object.values(document.trajectories ?? {}).sort((a, b) =>
      (a.startedOn ?? '').localeCompare(b.startedOn ?? ''),
    ),
    lowHours: document.lowHours ?? null,
  };
}
