import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { EventEnvelope } from '@stapsteen/contracts';
import { applyOnce, ProjectionCollection } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { ParticipantRoster, RosterEntry } from '../application/participant-roster';

interface RosterDocument extends Omit<RosterEntry, 'participantId'> {
  _id: string;
  erased?: boolean;
  appliedEventIds: string[];
}

interface ParticipantFacts {
  participantId: string;
  organisationId: string;
  regionId: string;
  displayName: string;
  coachId: string | null;
  monthlyHoursTarget: number | null;
  exPwa: boolean;
}

@Injectable()
export class MongoParticipantRoster implements ParticipantRoster {
  private readonly collection: Collection<RosterDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<RosterDocument>('participant_roster');
  }

  async apply(envelope: EventEnvelope<unknown>): Promise<boolean> {
    const target = this.collection as unknown as ProjectionCollection;
    switch (envelope.type) {
      case 'participant.enrolled':
      case 'participant.updated': {
        const facts = envelope.data as ParticipantFacts;
        return applyOnce(target, envelope.participantId, envelope.eventId, {
          $set: {
            organisationId: facts.organisationId,
            regionId: facts.regionId,
            displayName: facts.displayName,
            coachId: facts.coachId,
            monthlyHoursTarget: facts.monthlyHoursTarget,
            exPwa: facts.exPwa,
          },
        });
      }
      case 'participant.erased':
        // Keep only the ids, so a late redelivery cannot bring the personal data back.
        return applyOnce(target, envelope.participantId, envelope.eventId, {
          $set: { erased: true, displayName: '', coachId: null },
        });
      default:
        return false;
    }
  }

  async list(scope: object): Promise<RosterEntry[]> {
    const documents = await this.collection
      .find({ ...scope, erased: { $ne: true } })
      .sort({ displayName: 1 })
      .limit(2000)
      .toArray();
    return documents.map(toEntry);
  }

  async findById(participantId: string): Promise<RosterEntry | null> {
    const document = await this.collection.findOne({ _id: participantId, erased: { $ne: true } });
    return document ? toEntry(document) : null;
  }
}

function toEntry(document: RosterDocument): RosterEntry {
  return {
    participantId: document._id,
    organisationId: document.organisationId,
    regionId: document.regionId,
    displayName: document.displayName,
    coachId: document.coachId,
    monthlyHoursTarget: document.monthlyHoursTarget,
    exPwa: document.exPwa,
  };
}
