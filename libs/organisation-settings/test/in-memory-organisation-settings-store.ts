import type { OrganisationSettingsStore, StoredSettings } from '@stapsteen/organisation-settings';

/**
 * Organisations' own values in memory, for unit tests; the shared contract
 * (`organisation-settings-store.contract.ts`) holds it and the MongoDB store to the same behaviour.
 */
export class InMemoryOrganisationSettingsStore<T> implements OrganisationSettingsStore<T> {
  readonly documents = new Map<string, StoredSettings<T>>();
  /** How many times the values were read: what a cache test counts. */
  loads = 0;

  async load(organisationId: string): Promise<StoredSettings<T> | null> {
    this.loads++;
    const stored = this.documents.get(organisationId);
    return stored ? structuredClone(stored) : null;
  }

  async save(organisationId: string, settings: StoredSettings<T>): Promise<void> {
    this.documents.set(organisationId, structuredClone(settings));
  }
}
