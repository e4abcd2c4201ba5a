import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import type { ReadScope } from '@stapsteen/auth';
import type { Connection } from 'mongoose';
import { readScopeFilter } from '@stapsteen/auth';
import { VersionedCollection } from '../../shared/infrastructure/versioned-collection';
import type { GapRepository } from '../application/gap-service';
import type { ParticipantGaps } from '../domain/participant-gaps';

export const GAPS_COLLECTION = 'coaching_gaps';

/** One document per participant (`_id` = participantId) with all their gaps, open and closed. */
@Injectable()
export class MongoGaps extends VersionedCollection<ParticipantGaps> implements GapRepository, OnModuleInit {
  constructor(@InjectConnection() connection: Connection, @Inject(WRITE_GUARD) guard: WriteGuard) {
    super(connection, GAPS_COLLECTION, guard);
  }

  async onModuleInit(): Promise<void> {
    // Gaps per organisation, and per region for managers.
    await this.collection.createIndex({ organisationId: 1 });
    await this.collection.createIndex({ regionId: 1 });
    // Gaps per coach.
    await this.collection.createIndex({ coachId: 1 });
  }

  forOrganisation(organisationId: string): Promise<ParticipantGaps[]> {
    return this.find({ organisationId }, 20_000);
  }

  forCoach(scope: ReadScope, coachId: string): Promise<ParticipantGaps[]> {
    return this.find({ ...readScopeFilter(scope), coachId }, 20_000);
  }
}
