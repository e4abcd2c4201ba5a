import { ReadScope, isInReadScope } from '@stapsteen/auth';
import {
  ORGANISATION_LIST_LIMIT,
  OrganisationCriteria,
  OrganisationDirectory,
} from '../src/organisations/application/organisation-directory';
import type { Organisation } from '../src/organisations/domain/organisation';

/**
 * The organisation directory in memory, for unit tests; the shared contract
 * (`organisation-directory-contract.ts`) holds it and the MongoDB adapter to the same behaviour.
 */
export class InMemoryOrganisations implements OrganisationDirectory {
  private readonly organisations = new Map<string, Organisation>();

  constructor(organisations: Organisation[] = []) {
    for (const organisation of organisations) this.organisations.set(organisation.id, { ...organisation });
  }

  async findById(id: string): Promise<Organisation | null> {
    const found = this.organisations.get(id);
    return found ? { ...found } : null;
  }

  async list(scope: ReadScope, criteria: OrganisationCriteria = {}): Promise<Organisation[]> {
    return [...this.organisations.values()]
      .filter(
        (o) =>
          isInReadScope(scope, { organisationId: o.id, regionId: o.regionId }) &&
          (criteria.kind === undefined || o.kind === criteria.kind),
      )
      .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id))
      .slice(0, ORGANISATION_LIST_LIMIT)
      .map((o) => ({ ...o }));
  }

  async save(organisation: Organisation): Promise<void> {
    this.organisations.set(organisation.id, { ...organisation });
  }
}

/** Code-unit order, as the database sorts strings. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
