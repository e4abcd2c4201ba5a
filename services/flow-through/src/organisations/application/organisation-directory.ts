import type { ReadScope } from '@stapsteen/auth';
import type { Organisation, OrganisationKind } from '../domain/organisation';

/** Named criteria beside the scope of an organisation list. */
export interface OrganisationCriteria {
  /** Only organisations of this kind (e.g. the wijk-werkorganisaties, which hold participants). */
  kind?: OrganisationKind;
}

/** At most this many organisations in one list (Flanders has a few hundred). */
export const ORGANISATION_LIST_LIMIT = 500;

export interface OrganisationDirectory {
  findById(id: string): Promise<Organisation | null>;
  /**
   * The organisations inside a read scope (`readScopeOf`; its `organisationIds` name the
   * organisations themselves) that meet the criteria, by name.
   */
  list(scope: ReadScope, criteria?: OrganisationCriteria): Promise<Organisation[]>;
  save(organisation: Organisation): Promise<void>;
}

export const ORGANISATION_DIRECTORY = Symbol('ORGANISATION_DIRECTORY');
