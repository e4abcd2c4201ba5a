import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { MongoOrganisationSettingsStore } from '@stapsteen/organisation-settings';
import type { Connection } from 'mongoose';
import type { GapSettingsRepository } from '../application/gap-settings-service';
import type { GapPolicy } from '../domain/gap-rules';
import { GAP_WINDOW_NAMES } from '../domain/gap-settings';

export const GAP_SETTINGS_COLLECTION = 'coaching_gap_settings';

/** One document per organisation that saved its own windows (`_id` = organisationId); no document: the defaults. */
@Injectable()
export class MongoGapSettings extends MongoOrganisationSettingsStore<GapPolicy> implements GapSettingsRepository {
  constructor(@InjectConnection() connection: Connection) {
    super(connection, GAP_SETTINGS_COLLECTION, GAP_WINDOW_NAMES);
  }
}
