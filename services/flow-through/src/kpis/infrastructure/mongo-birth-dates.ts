import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import { PARTICIPANTS_COLLECTION } from '../../participants/infrastructure/mongo-participant-repository';
import type { BirthDates } from '../application/kpi-read-models';

/**
 * Reads the birth date from flow-through's own participant record (events never carry it), so the
 * roster can keep a five-year band. Only the one field, by `_id`.
 */
@Injectable()
export class MongoBirthDates implements BirthDates {
  private readonly participants: Collection<{ _id: string; dateOfBirth?: string | null }>;

  constructor(@InjectConnection() connection: Connection) {
    this.participants = connection.collection(PARTICIPANTS_COLLECTION);
  }

  async birthDateOf(participantId: string): Promise<string | null> {
    const document = await this.participants.findOne({ _id: participantId }, { projection: { dateOfBirth: 1 } });
    return document?.dateOfBirth ?? null;
  }
}
