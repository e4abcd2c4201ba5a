import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { BarrierRepository } from '../application/record-barriers';
import type { BarrierRecord } from '../domain/barriers';

interface BarrierDocument extends BarrierRecord {
  _id: string;
  outbox: OutboxEntry[];
}

export const BARRIERS_COLLECTION = 'barriers';
const DUPLICATE_KEY = 11000;

@Injectable()
export class MongoBarriers implements BarrierRepository, OnModuleInit {
  private readonly collection: Collection<BarrierDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<BarrierDocument>(BARRIERS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // The barrier report: an organisation's or a region's records over a range of months.
    await this.collection.createIndex({ organisationId: 1, month: 1 });
    await this.collection.createIndex({ regionId: 1, month: 1 });
  }

  async save(record: BarrierRecord, outbox: OutboxEntry[]): Promise<void> {
    const _id = `${record.participantId}:${record.month}`;
    const write = () =>
      this.collection.updateOne({ _id }, { $set: record, $push: { outbox: { $each: outbox } } }, { upsert: true });
    try {
      await write();
    } catch (error) {
      // Two first records of one participant-month racing: the losing upsert fails on _id (and
      // wrote nothing); the document exists now, so the retry updates it.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      await write();
    }
  }

  async find(participantId: string, month: string): Promise<BarrierRecord | null> {
    const document = await this.collection.findOne({ _id: `${participantId}:${month}` }, { projection: { outbox: 0 } });
    return document ? strip(document) : null;
  }

  async list(filter: object): Promise<BarrierRecord[]> {
    return (
      await this.collection
        .find(filter, { projection: { outbox: 0 } })
        .limit(50_000)
        .toArray()
    ).map(strip);
  }
}

function strip(document: BarrierDocument): BarrierRecord {
  const { _id: _id, outbox: _outbox, ...record } = document;
  return record;
}
