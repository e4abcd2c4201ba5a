import type { Principal } from './principal';
import type { ScopedRecord } from './scope';

/**
 * The records a read may return, as a typed query a repository port takes (never a database
 * filter): those of a region and/or of some organisations. Both given means both must hold;
 * neither given means every record (administrators only).
 */
export interface ReadScope {
  readonly regionId?: string;
  readonly organisationIds?: readonly string[];
}

/**
 * What a caller may read, narrowed to one organisation when asked. A narrowing never widens: an
 * organisation outside the caller's scope, or a manager without a region, gives null, which means
 * "nothing to read" (the caller answers an empty list or 404, never everything).
 */
export function readScopeOf(principal: Principal, organisationId?: string): ReadScope | null {
  switch (principal.role) {
    case 'ADMIN':
      return organisationId ? { organisationIds: [organisationId] } : {};
    case 'REGIONAL_MANAGER':
      if (principal.regionId === null) return null;
      return { regionId: principal.regionId, ...(organisationId ? { organisationIds: [organisationId] } : {}) };
    case 'ORGANISER':
    case 'COACH': {
      const own = organisationId
        ? principal.organisationIds.filter((id) => id === organisationId)
        : principal.organisationIds;
      return own.length > 0 ? { organisationIds: [...own] } : null;
    }
    default:
      // A role this code does not know reads nothing.
      return null;
  }
}

/** Whether a record lies inside a read scope: what an in-memory adapter applies for a port. */
export function isInReadScope(scope: ReadScope, record: ScopedRecord): boolean {
  if (scope.regionId !== undefined && record.regionId !== scope.regionId) return false;
  if (scope.organisationIds !== undefined && !scope.organisationIds.includes(record.organisationId)) return false;
  return true;
}
