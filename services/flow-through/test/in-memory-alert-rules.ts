import type { AlertRulesRepository } from '../src/participants/application/alert-rules-service';
import type { StoredAlertRules } from '../src/participants/domain/alert-rules';

/**
 * Organisations' alert rules in memory, for unit tests; the shared contract
 * (`alert-rules-repository-contract.ts`) holds it and the MongoDB adapter to the same behaviour.
 */
export class InMemoryAlertRules implements AlertRulesRepository {
  readonly documents = new Map<string, StoredAlertRules>();
  /** How many times the rules were read: what a cache test counts. */
  loads = 0;

  async load(organisationId: string): Promise<StoredAlertRules | null> {
    this.loads++;
    const stored = this.documents.get(organisationId);
    return stored ? { ...stored } : null;
  }

  async save(organisationId: string, rules: StoredAlertRules): Promise<void> {
    this.documents.set(organisationId, { ...rules });
  }
}
