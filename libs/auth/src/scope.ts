import { DomainError } from '@stapsteen/errors';
import type { Principal } from './principal';

/**
 * Thrown when a caller reaches for data outside their organisations or region. It maps to 403,
 * which is right for writes. Reads must not use it: an out-of-scope read answers 404
 * (OUT_OF_SCOPE_READS_ANSWER), as if the record did not exist, so nobody learns that a participant
 * exists in another organisation. Check with `canAccess` and throw the resource's own not-found error.
 */
export class ScopeError extends DomainError {
  constructor(message = 'This lies outside your organisations or region.') {
    super('AUTH.OUT_OF_SCOPE', 'forbidden', message);
  }
}

/** The HTTP status an out-of-scope read answers with: the same as a record that does not exist. */
export const OUT_OF_SCOPE_READS_ANSWER = 404;

export interface ScopedRecord {
  organisationId: string;
  regionId: string;
}

export function canAccess(principal: Principal, record: ScopedRecord): boolean {
  switch (principal.role) {
    case 'ADMIN':
      return true;
    case 'REGIONAL_MANAGER':
      return principal.regionId !== null && record.regionId === principal.regionId;
    case 'ORGANISER':
    case 'COACH':
      return principal.organisationIds.includes(record.organisationId);
    default:
      return false;
  }
}

export function assertCanAccess(principal: Principal, record: ScopedRecord): void {
  if (!canAccess(principal, record)) throw new ScopeError();
}

/** Managers follow their region but do not change an organisation's records. */
export function canWriteOrganisation(principal: Principal, organisationId: string): boolean {
  switch (principal.role) {
    case 'ADMIN':
      return true;
    case 'ORGANISER':
    case 'COACH':
      return principal.organisationIds.includes(organisationId);
    default:
      return false;
  }
}

export function assertCanWriteOrganisation(principal: Principal, organisationId: string): void {
  if (!canWriteOrganisation(principal, organisationId)) {
    throw new ScopeError('You can only change the records of your own organisation.');
  }
}

/**
 * Whether a caller may read a list addressed to one organisation (a month grid, its gaps, its peer
 * pairs). Out of scope answers 404 like any read, so staff need the organisation among theirs. A
 * service may hold no organisation directory, so a manager's check uses the region of the
 * organisation's own records (`recordsRegionIds`): any record in another region means the
 * organisation lies elsewhere. One with no records yet shows an empty list, which reveals nothing.
 */
export function canReadOrganisation(
  principal: Principal,
  organisationId: string,
  recordsRegionIds: readonly string[],
): boolean {
  switch (principal.role) {
    case 'ADMIN':
      return true;
    case 'REGIONAL_MANAGER':
      return principal.regionId !== null && recordsRegionIds.every((regionId) => regionId === principal.regionId);
    case 'ORGANISER':
    case 'COACH':
      return principal.organisationIds.includes(organisationId);
    default:
      return false;
  }
}
