import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { EventEnvelope } from '@stapsteen/contracts';
import { WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import { applyOnce, ProjectionCollection } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { TrajectoryWindow } from '../../prestations/domain/eligibility';
import { readScopeFilter } from '@stapsteen/auth';
import type { ParticipantRoster, RosterEntry, RosterQuery } from '../application/participant-roster';

interface RosterDocument {
  _id: string;
  organisationId?: string;
  regionId?: string;
  displayName?: string;
  coachId?: string | null;
  monthlyHoursTarget?: number | null;
  exPwa?: boolean;
  erased?: boolean;
  /** Keyed by trajectory id, so each event updates one entry without array positions. */
  trajectories?: Record<string, TrajectoryWindow>;
  appliedEventIds: string[];
}

type Data = Record<string, unknown> & { trajectoryId?: string };

export const ROSTER_COLLECTION = 'participant_roster';

/**
 * Hours' own copy of what flow-through says about participants and their trajectories. The
 * participant and trajectory topics are consumed independently, so either kind of event may
 * create the document first.
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
    // The month grid: an organisation's participants by name.
    await this.collection.createIndex({ organisationId: 1, displayName: 1 });
    // The manager's view over a region.
    await this.collection.createIndex({ regionId: 1 });
  }

  async apply(envelope: EventEnvelope<unknown>): Promise<boolean> {
    const target = this.collection as unknown as ProjectionCollection;
    const data = envelope.data as Data;
    const once = (update: { $set: object }) =>
      applyOnce(target, envelope.participantId, envelope.eventId, update, this.guard);
    switch (envelope.type) {
      case 'participant.enrolled':
      case 'participant.updated':
        return once({
          $set: {
            organisationId: data.organisationId,
            regionId: data.regionId,
            displayName: data.displayName,
            coachId: data.coachId,
            monthlyHoursTarget: data.monthlyHoursTarget,
            exPwa: data.exPwa,
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
            [`trajectories.${data.trajectoryId}`]: {
              trajectoryId: data.trajectoryId,
              startedOn: data.startedOn,
              endedOn: null,
              suspensions: [],
            },
          },
        });
      case 'trajectory.suspended':
        return this.changeTrajectory(envelope, data, (t) => ({
          ...t,
          suspensions: [...t.suspensions, { from: String(data.suspendedOn), until: null }],
        }));
      case 'trajectory.resumed':
        return this.changeTrajectory(envelope, data, (t) => ({
          ...t,
          suspensions: t.suspensions.map((s) => (s.until === null ? { ...s, until: String(data.resumedOn) } : s)),
        }));
      case 'trajectory.ended':
        return this.changeTrajectory(envelope, data, (t) => ({
          ...t,
          endedOn: String(data.endedOn),
          suspensions: t.suspensions.map((s) => (s.until === null ? { ...s, until: String(data.endedOn) } : s)),
        }));
      default:
        return false;
    }
  }

  /** Events of one participant arrive in order on one partition, so read-then-write is safe here. */
  private async changeTrajectory(
    envelope: EventEnvelope<unknown>,
    data: Data,
    change: (t: TrajectoryWindow) => TrajectoryWindow,
  ) {
    const id = String(data.trajectoryId);
    const document = await this.collection.findOne({ _id: envelope.participantId });
    const current = document?.trajectories?.[id] ?? {
      trajectoryId: id,
      startedOn: null,
      endedOn: null,
      suspensions: [],
    };
    return applyOnce(
      this.collection as unknown as ProjectionCollection,
      envelope.participantId,
      envelope.eventId,
      { $set: { [`trajectories.${id}`]: change(current) } },
      this.guard,
    );
  }

  async list(query: RosterQuery): Promise<RosterEntry[]> {
    const selected = 'scope' in query ? readScopeFilter(query.scope) : { organisationId: query.organisationId };
    const documents = await this.collection
      .find({ ...selected, erased: { $ne: true }, displayName: { $exists: true } })
      .sort({ displayName: 1 })
      .toArray();
    return documents.map(toEntry);
  }

  async organisations(): Promise<string[]> {
    const ids = await this.collection.distinct('organisationId', { erased: { $ne: true } });
    return ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  }

  async findById(participantId: string): Promise<RosterEntry | null> {
    // By _id alone: FerretDB v1 scans the collection for any other condition.
    const document = await this.collection.findOne({ _id: participantId });
    return document?.organisationId && !document.erased ? toEntry(document) : null;
  }
}

function toEntry(document: RosterDocument): RosterEntry {
  return {
    participantId: document._id,
    organisationId: document.organisationId ?? '',
    regionId: document.regionId ?? '',
    displayName: document.displayName ?? '',
    coachId: document.coachId ?? null,
    monthlyHoursTarget: document.monthlyHoursTarget ?? null,
    exPwa: document.exPwa ?? false,
    trajectories: Object.values(document.trajectories ?? {}).sort((a, b) =>
      (a.startedOn ?? '').localeCompare(b.startedOn ?? ''),
    ),
  };
}
