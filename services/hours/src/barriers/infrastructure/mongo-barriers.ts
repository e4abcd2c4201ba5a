import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard, aggregateKey, guardedFilter, readDecideWrite } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { ReadScope } from '@stapsteen/auth';
import { readScopeFilter } from '@stapsteen/auth';
import type { BarrierRepository, MonthRange } from '../application/record-barriers';
import type { BarrierRecord } from '../domain/barriers';

interface BarrierDocument extends BarrierRecord {
  _id: string;
  /** Absent on records stored before ADR 18 (counted as 0). */
  version?: number;
  outbox: OutboxEntry[];
}

export const BARRIERS_COLLECTION = 'barriers';
const DUPLICATE_KEY = 11000;

@Injectable()
export class MongoBarriers implements BarrierRepository, OnModuleInit {
  private readonly collection: Collection<BarrierDocument>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.collection = connection.collection<BarrierDocument>(BARRIERS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // The barrier report: an organisation's or a region's records over a range of months.
    await this.collection.createIndex({ organisationId: 1, month: 1 });
    await this.collection.createIndex({ regionId: 1, month: 1 });
  }

  /**
   * Replaces the record as one claimed version step (ADR 18), under this process's lock for the
   * document: a concurrent save in another replica, or the outbox relay removing published events,
   * can then never overwrite this write and drop its event (FerretDB writes whole documents).
   */
  async save(record: BarrierRecord, outbox: OutboxEntry[]): Promise<void> {
    const _id = `${record.participantId}:${record.month}`;
    await readDecideWrite({
      key: aggregateKey(BARRIERS_COLLECTION, _id),
      serialize: (key, work) => this.guard.lock.run(key, work),
      load: async () => {
        const version = await this.currentVersion(_id);
        return version === null ? null : { value: null, version };
      },
      decide: () => ({ next: record, result: undefined }),
      insert: async (next) => {
        try {
          await this.collection.insertOne({ ...next, _id, version: 1, outbox });
          return true;
        } catch (error) {
          if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
          throw error;
        }
      },
      update: (next, version) =>
        this.guard.claims.write(
          BARRIERS_COLLECTION,
          _id,
          version,
          async () => {
            const condition = version === 0 ? { version: { $exists: false } } : { version };
            const result = await this.collection.updateOne(guardedFilter(this.guard, _id, condition), {
              $set: { ...next, version: version + 1 },
              $push: { outbox: { $each: outbox } },
            });
            return result.modifiedCount === 1;
          },
          () => this.currentVersion(_id),
        ),
      busy: () =>
        new DomainError('HOURS.BUSY', 'conflict', 'Too many simultaneous changes for this participant; try again.'),
    });
  }

  private async currentVersion(_id: string): Promise<number | null> {
    const document = await this.collection.findOne({ _id }, { projection: { version: 1 } });
    return document ? (document.version ?? 0) : null;
  }

  async find(participantId: string, month: string): Promise<BarrierRecord | null> {
    const document = await this.collection.findOne({ _id: `${participantId}:${month}` }, { projection: { outbox: 0 } });
    return document ? strip(document) : null;
  }

  async list(scope: ReadScope, months: MonthRange): Promise<BarrierRecord[]> {
    const filter = { ...readScopeFilter(scope), month: { $gte: months.from, $lte: months.to } };
    return (
      await this.collection
        .find(filter, { projection: { outbox: 0 } })
        .limit(50_000)
        .toArray()
    ).map(strip);
  }
}

function strip(document: BarrierDocument): BarrierRecord {
  const { _id: _id, outbox: _outbox, version: _version, ...record } = document;
  return record;
}
