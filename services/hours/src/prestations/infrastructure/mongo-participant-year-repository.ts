import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard, guardedFilter } from '@stapsteen/concurrency';
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
const LOOKUP_PARALLELISM = 32;

const idOf = (participantId: string, year: number) => `${participantId}:${year}`;

@Injectable()
export class MongoParticipantYearRepository implements ParticipantYearRepository, OnModuleInit {
  private readonly collection: Collection<ParticipantYearDocument>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.collection = connection.collection<ParticipantYearDocument>(PARTICIPANT_YEARS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {}

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

  /**
   * Claims the step from `expectedVersion` first (ADR 18): the only guard that holds across
   * processes on FerretDB. The filter keeps the version where the database applies it atomically.
   */
  async update(year: ParticipantYear, expectedVersion: number): Promise<boolean> {
    const id = idOf(year.participantId, year.year);
    return this.guard.claims.write(
      PARTICIPANT_YEARS_COLLECTION,
      id,
      expectedVersion,
      async () => {
        const result = await this.collection.updateOne(guardedFilter(this.guard, id, { version: expectedVersion }), {
          $set: {
            prestations: year.prestations,
            organisationId: year.organisationId,
            regionId: year.regionId,
            version: expectedVersion + 1,
          },
        });
        return result.modifiedCount === 1;
      },
      () => this.currentVersion(id),
    );
  }

  private async currentVersion(id: string): Promise<number | null> {
    const document = await this.collection.findOne({ _id: id }, { projection: { version: 1 } });
    return document?.version ?? null;
  }

  async loadMany(keys: string[]) {
    // One lookup by _id each, a few at a time: FerretDB v1 answers `$in` with a collection scan.
    const found = new Map<string, { year: ParticipantYear; version: number }>();
    for (let start = 0; start < keys.length; start += LOOKUP_PARALLELISM) {
      const documents = await Promise.all(
        keys
          .slice(start, start + LOOKUP_PARALLELISM)
          .map((key) => this.collection.findOne({ _id: key }, { projection: { outbox: 0 } })),
      );
      for (const d of documents) if (d) found.set(d._id, { year: toYear(d), version: d.version });
    }
    return found;
  }

  async writeMany(changes: Array<{ year: ParticipantYear; expectedVersion: number | null }>): Promise<number> {
    if (changes.length === 0) return 0;
    // Every update claims its step, all in one round trip; only the steps this caller got are
    // written, the others count as not taken (the import re-reads and redoes its chunk).
    const updates = changes.filter((change) => change.expectedVersion !== null);
    const claimed = await this.guard.claims.claimMany(
      PARTICIPANT_YEARS_COLLECTION,
      updates.map(({ year, expectedVersion }) => ({
        id: idOf(year.participantId, year.year),
        version: expectedVersion as number,
      })),
      (id) => this.currentVersion(String(id)),
    );
    const mayWrite = new Set(updates.filter((_, i) => claimed[i]));
    const writes = changes.filter((change) => change.expectedVersion === null || mayWrite.has(change));
    if (writes.length === 0) return 0;
    try {
      const result = await this.collection.bulkWrite(
        writes.map(({ year, expectedVersion }) =>
          expectedVersion === null
            ? { insertOne: { document: { _id: idOf(year.participantId, year.year), ...year, version: 1, outbox: [] } } }
            : {
                updateOne: {
                  filter: guardedFilter(this.guard, idOf(year.participantId, year.year), { version: expectedVersion }),
                  update: {
                    $set: {
                      prestations: year.prestations,
                      organisationId: year.organisationId,
                      regionId: year.regionId,
                      version: expectedVersion + 1,
                    },
                  },
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
