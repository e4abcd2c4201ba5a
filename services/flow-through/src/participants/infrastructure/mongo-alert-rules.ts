import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { AlertRulesRepository } from '../application/alert-rules-service';
import type { StoredAlertRules } from '../domain/alert-rules';

export const ALERT_RULES_COLLECTION = 'alert_rules';
const DUPLICATE_KEY = 11000;

interface AlertRulesDocument extends StoredAlertRules {
  _id: string;
}

/** One document per organisation that saved its own rules (`_id` = organisationId); no document: the defaults. */
@Injectable()
export class MongoAlertRules implements AlertRulesRepository {
  private readonly collection: Collection<AlertRulesDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<AlertRulesDocument>(ALERT_RULES_COLLECTION);
  }

  async load(organisationId: string): Promise<StoredAlertRules | null> {
    const document = await this.collection.findOne({ _id: organisationId });
    if (!document) return null;
    const { endingWithinDays, evaluationWithinDays, editedBy, editedAt } = document;
    return { endingWithinDays, evaluationWithinDays, editedBy, editedAt };
  }

  async save(organisationId: string, rules: StoredAlertRules): Promise<void> {
    const write = () => this.collection.replaceOne({ _id: organisationId }, rules, { upsert: true });
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
