import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { AssessmentRepository } from '../application/assessment-service';
import type { Assessment } from '../domain/assessment';

interface AssessmentDocument extends Assessment {
  _id: string;
  outbox: OutboxEntry[];
}

export const ASSESSMENTS_COLLECTION = 'assessments';

/** One document per assessment, written once: a later assessment never overwrites an earlier one. */
@Injectable()
export class MongoAssessments implements AssessmentRepository, OnModuleInit {
  private readonly collection: Collection<AssessmentDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<AssessmentDocument>(ASSESSMENTS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // A participant's history, and the gap rules' facts.
    await this.collection.createIndex({ participantId: 1, assessedOn: 1 });
    // Peer-coach suggestions: everyone's latest ratings in an organisation.
    await this.collection.createIndex({ organisationId: 1 });
  }

  async insertMany(records: Array<{ assessment: Assessment; outbox: OutboxEntry[] }>): Promise<void> {
    if (records.length === 0) return;
    await this.collection.insertMany(
      records.map(({ assessment, outbox }) => ({ _id: assessment.id, ...assessment, outbox })),
    );
  }

  async forParticipant(participantId: string): Promise<Assessment[]> {
    return (
      await this.collection
        .find({ participantId }, { projection: { outbox: 0 } })
        .limit(1000)
        .toArray()
    ).map(strip);
  }

  async forOrganisation(organisationId: string): Promise<Assessment[]> {
    return (
      await this.collection
        .find({ organisationId }, { projection: { outbox: 0 } })
        .limit(50_000)
        .toArray()
    ).map(strip);
  }

  async deleteForParticipant(participantId: string): Promise<void> {
    await this.collection.deleteMany({ participantId });
  }
}

function strip(document: AssessmentDocument): Assessment {
  const { _id: _id, outbox: _outbox, ...assessment } = document;
  return assessment;
}
