import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { ParticipantYearRepository } from '../application/ports';
import { PARTICIPANT_YEARS_COLLECTION } from '../application/prestation-commands';
import type { ParticipantYear } from '../domain/participant-year';

interface ParticipantYearDocument extends ParticipantYear {
  _id: string;
  version: number;
  outbox: OutboxEntry[];
}

const DUPLICATE_KEY = 11000;

const idOf = (participantId: string, year: number) => `${participantId}:${year}`;

@Injectable()
export class MongoParticipantYearRepository implements ParticipantYearRepository, OnModuleInit {
  private readonly collection: Collection<ParticipantYearDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<ParticipantYearDocument>(PARTICIPANT_YEARS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // Corrections and history find a prestation by its id.
    await this.collection.createIndex({ 'prestations.id': 1 });
    // The month grid reads an organisation's participant-years.
    await this.collection.createIndex({ organisationId: 1, year: 1 });
  }

  async load(participantId: string, year: number) {
    const document = await this.collection.findOne({ _id: idOf(participantId, year) }, { projection: { outbox: 0 } });
    return document ? { year: toYear(document), version: document.version } : null;
  }

  async insert(year: ParticipantYear): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: idOf(year.participantId, year.year), ...year, version: 1, outbox: [] });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async update(year: ParticipantYear, expectedVersion: number): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: idOf(year.participantId, year.year), version: expectedVersion },
      {
        $set: { prestations: year.prestations, organisationId: year.organisationId, regionId: year.regionId },
        $inc: { version: 1 },
      },
    );
    return result.modifiedCount === 1;
  }

  async loadMany(keys: string[]) {
    const documents = await this.collection.find({ _id: { $in: keys } }, { projection: { outbox: 0 } }).toArray();
    return new Map(documents.map((d) => [d._id, { year: toYear(d), version: d.version }]));
  }

  async writeMany(changes: Array<{ year: ParticipantYear; expectedVersion: number | null }>): Promise<number> {
    if (changes.length === 0) return 0;
    try {
      const result = await this.collection.bulkWrite(
        changes.map(({ year, expectedVersion }) =>
          expectedVersion === null
            ? { insertOne: { document: { _id: idOf(year.participantId, year.year), ...year, version: 1, outbox: [] } } }
            : {
                updateOne: {
                  filter: { _id: idOf(year.participantId, year.year), version: expectedVersion },
                  update: { $set: { prestations: year.prestations }, $inc: { version: 1 } },
                },
              },
        ),
        { ordered: false },
      );
      return result.insertedCount + result.modifiedCount;
    } catch (error) {
      // Unordered: the writes that could be made were made; report how many.
      const partial = (error as { result?: { insertedCount?: number; modifiedCount?: number } }).result;
      if (partial && (error as { code?: number }).code === DUPLICATE_KEY)
        return (partial.insertedCount ?? 0) + (partial.modifiedCount ?? 0);
      throw error;
    }
  }

  async locate(prestationId: string) {
    const document = await this.collection.findOne(
      { 'prestations.id': prestationId },
      { projection: { participantId: 1, year: 1 } },
    );
    return document ? { participantId: document.participantId, year: document.year } : null;
  }

  async listForOrganisation(organisationId: string, year: number): Promise<ParticipantYear[]> {
    const documents = await this.collection.find({ organisationId, year }, { projection: { outbox: 0 } }).toArray();
    return documents.map(toYear);
  }
}

function toYear(document: ParticipantYearDocument): ParticipantYear {
  return {
    participantId: document.participantId,
    organisationId: document.organisationId,
    regionId: document.regionId,
    year: document.year,
    prestations: document.prestations,
  };
}
