import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { readScopeFilter } from '@stapsteen/auth';
import { WRITE_GUARD, WriteGuard, guardedFilter } from '@stapsteen/concurrency';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import { PARTICIPANTS_COLLECTION } from '../application/participant-writer';
import type {
  ParticipantPageRequest,
  ParticipantQuery,
  ParticipantRepository,
} from '../application/participant-repository';
import type { ParticipantState } from '../domain/participant';

type ParticipantDocument = Omit<ParticipantState, 'id'> & { _id: string; version: number; outbox: OutboxEntry[] };

export { PARTICIPANTS_COLLECTION };

@Injectable()
export class MongoParticipantRepository implements ParticipantRepository, OnModuleInit {
  private readonly collection: Collection<ParticipantDocument>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.collection = connection.collection<ParticipantDocument>(PARTICIPANTS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // The caseload list: an organisation's participants, newest enrolment first.
    await this.collection.createIndex({ organisationId: 1, enrolledOn: -1 });
    // The regional manager's list of the same.
    await this.collection.createIndex({ regionId: 1, enrolledOn: -1 });
  }

  async insert(participant: ParticipantState, outbox: OutboxEntry[]): Promise<void> {
    const { id, ...rest } = participant;
    await this.collection.insertOne({ _id: id, ...rest, version: 1, outbox });
  }

  async findById(id: string): Promise<ParticipantState | null> {
    return (await this.load(id))?.participant ?? null;
  }

  async load(id: string) {
    const document = await this.collection.findOne({ _id: id }, { projection: { outbox: 0 } });
    return document ? { participant: toState(document), version: document.version } : null;
  }

  /**
   * Claims the step from `expectedVersion` first (ADR 18): the one guard that holds across
   * processes on FerretDB, where the filter stays on `_id`. On MongoDB the version condition stays too.
   */
  async update(participant: ParticipantState, expectedVersion: number, outbox: OutboxEntry[]): Promise<boolean> {
    const { id, ...rest } = participant;
    return this.guard.claims.write(
      PARTICIPANTS_COLLECTION,
      id,
      expectedVersion,
      async () => {
        // $push rather than replacing the outbox: the relay removes published entries as its own claimed step.
        const result = await this.collection.updateOne(guardedFilter(this.guard, id, { version: expectedVersion }), {
          $set: { ...rest, version: expectedVersion + 1 },
          $push: { outbox: { $each: outbox } },
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

  async listEnded(): Promise<ParticipantState[]> {
    // A daily retention check: a scan on FerretDB v1 is acceptable here (ADR 6).
    const documents = await this.collection
      .find({ anonymisedAt: { $in: [null] } }, { projection: { outbox: 0 } })
      .toArray();
    return documents.map(toState).filter((p) => p.trajectories.at(-1)?.status === 'ENDED');
  }

  async list(query: ParticipantQuery, page: ParticipantPageRequest) {
    const filter = toFilter(query);
    const [documents, total] = await Promise.all([
      this.collection
        .find(filter, { projection: { outbox: 0 } })
        .sort({ enrolledOn: -1, _id: 1 })
        .skip(page.offset)
        .limit(page.limit)
        .toArray(),
      this.collection.countDocuments(filter),
    ]);
    return { items: documents.map(toState), total };
  }
}

/** The typed query as this database's filter: equality where one value will do (`$in` scans on FerretDB). */
function toFilter(query: ParticipantQuery): Record<string, unknown> {
  return { ...readScopeFilter(query.scope), ...(query.coachId !== undefined ? { coachId: query.coachId } : {}) };
}

function toState(document: ParticipantDocument): ParticipantState {
  const { _id, version: _version, outbox: _outbox, ...rest } = document;
  return { id: _id, ...rest };
}
