import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { MongoOrganisationSettingsStore } from '@stapsteen/organisation-settings';
import type { Connection } from 'mongoose';
import type { AlertRulesRepository } from '../application/alert-rules-service';
import { ALERT_RULE_NAMES, type AlertRules } from '../domain/alert-rules';

export const ALERT_RULES_COLLECTION = 'alert_rules';

/** One document per organisation that saved its own rules (`_id` = organisationId); no document: the defaults. */
@Injectable()
export class MongoAlertRules extends MongoOrganisationSettingsStore<AlertRules> implements AlertRulesRepository {
  constructor(@InjectConnection() connection: Connection) {
    super(connection, ALERT_RULES_COLLECTION, ALERT_RULE_NAMES);
  }
}
