import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { MonthCloseLedger } from '../../prestations/application/ports';
import type { MonthClose, MonthCloseRepository, TargetSettings } from '../application/ports';
import type { OrganisationTargets } from '../domain/targets';

interface MonthCloseDocument extends MonthClose {
  _id: string;
  outbox: OutboxEntry[];
}

export const MONTH_CLOSES_COLLECTION = 'month_closes';
const DUPLICATE_KEY = 11000;

/** One document per organisation-month; its unique id makes closing a month happen once. */
@Injectable()
export class MongoMonthCloses implements MonthCloseRepository, MonthCloseLedger {
  private readonly collection: Collection<MonthCloseDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<MonthCloseDocument>(MONTH_CLOSES_COLLECTION);
  }

  async insert(close: MonthClose, outbox: OutboxEntry[]): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: `${close.organisationId}:${close.month}`, ...close, outbox });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async load(organisationId: string, month: string): Promise<MonthClose | null> {
    const document = await this.collection.findOne(
      { _id: `${organisationId}:${month}` },
      { projection: { outbox: 0 } },
    );
    if (!document) return null;
    const { _id: _id, outbox: _outbox, ...close } = document;
    return close;
  }

  async isClosed(organisationId: string, month: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: `${organisationId}:${month}` }, { limit: 1 })) > 0;
  }
}

interface TargetSettingsDocument extends OrganisationTargets {
  _id: string;
}

@Injectable()
export class MongoTargetSettings implements TargetSettings {
  private readonly collection: Collection<TargetSettingsDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<TargetSettingsDocument>('target_settings');
  }

  async forOrganisation(organisationId: string): Promise<OrganisationTargets | null> {
    const document = await this.collection.findOne({ _id: organisationId });
    return document ? { steps: document.steps } : null;
  }

  async save(organisationId: string, targets: OrganisationTargets): Promise<void> {
    const write = () => this.collection.replaceOne({ _id: organisationId }, { steps: targets.steps }, { upsert: true });
    try {
      await write();
    } catch (error) {
      // Two first saves racing: both upserts try to insert and one loses on _id. The document
      // exists now, so the retry replaces it (last writer wins, as for any later save).
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      await write();
    }
  }
}
