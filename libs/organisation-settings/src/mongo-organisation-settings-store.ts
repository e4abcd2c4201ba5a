import { upsertTwiceOnRace } from '@stapsteen/concurrency';
import type { Collection, Connection } from 'mongoose';
import {
  pickSettings,
  type OrganisationSettingsStore,
  type SettingsFields,
  type StoredSettings,
} from './organisation-settings';

/** The document's own fields are the service's; the store reads and writes it by `_id` only. */
interface SettingsDocument {
  _id: string;
}

/**
 * An organisation's own values in MongoDB: one document per organisation that saved some
 * (`_id` = organisationId) holding the named values, `editedBy` and `editedAt`; no document: the
 * defaults. Read and written by `_id` only. Two first saves racing both upsert, and one loses on
 * `_id` (11000); its retry replaces the document (last writer wins, as for any later save).
 */
export class MongoOrganisationSettingsStore<T> implements OrganisationSettingsStore<T> {
  private readonly collection: Collection<SettingsDocument>;

  constructor(
    connection: Connection,
    collectionName: string,
    private readonly fields: SettingsFields<T>,
  ) {
    this.collection = connection.collection<SettingsDocument>(collectionName);
  }

  async load(organisationId: string): Promise<StoredSettings<T> | null> {
    const document = await this.collection.findOne({ _id: organisationId });
    return document ? this.storedOf(document as unknown as StoredSettings<T>) : null;
  }

  async save(organisationId: string, settings: StoredSettings<T>): Promise<void> {
    const document = this.storedOf(settings);
    await upsertTwiceOnRace(() => this.collection.replaceOne({ _id: organisationId }, document, { upsert: true }));
  }

  private storedOf(settings: StoredSettings<T>): StoredSettings<T> {
    return { ...pickSettings<T>(settings, this.fields), editedBy: settings.editedBy, editedAt: settings.editedAt };
  }
}
