import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { GapSettingsRepository } from '../application/gap-settings-service';
import type { StoredGapWindows } from '../domain/gap-settings';

export const GAP_SETTINGS_COLLECTION = 'coaching_gap_settings';
const DUPLICATE_KEY = 11000;

interface GapSettingsDocument extends StoredGapWindows {
  _id: string;
}

/** One document per organisation that saved its own windows (`_id` = organisationId); no document: the defaults. */
@Injectable()
export class MongoGapSettings implements GapSettingsRepository {
  private readonly collection: Collection<GapSettingsDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<GapSettingsDocument>(GAP_SETTINGS_COLLECTION);
  }

  async load(organisationId: string): Promise<StoredGapWindows | null> {
    const document = await this.collection.findOne({ _id: organisationId });
    if (!document) return null;
    const { baselineDueDays, unaddressedDays, stalledDays, editedBy, editedAt } = document;
    return { baselineDueDays, unaddressedDays, stalledDays, editedBy, editedAt };
  }

  async save(organisationId: string, windows: StoredGapWindows): Promise<void> {
    const write = () => this.collection.replaceOne({ _id: organisationId }, windows, { upsert: true });
    try {
      await write();
    } catch (error) {
      // Two first saves racing: both upserts insert and one loses on _id. The document exists
      // now, so the retry replaces it (last writer wins, as for any later save).
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      await write();
    }
  }
}
