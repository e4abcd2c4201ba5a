import { DomainError } from '@stapsteen/errors';
import type { Principal } from './principal';

/**
 * Thrown when a caller reaches for data outside their organisations or region. Reads that fail
 * this way should answer 404 rather than 403 (OUT_OF_SCOPE_READS_ANSWER), so that nobody learns
 * that a participant exists in another organisation.
 */
export class ScopeError extends DomainError {
  constructor(message = 'This lies outside your organisations or region.') {
    super('AUTH.OUT_OF_SCOPE', 'forbidden', message);
  }
}

export const OUT_OF_SCOPE_READS_ANSWER = 404;

export interface ScopedRecord {
  organisationId: string;
  regionId: string;
}

export interface ScopeFields {
  organisationField?: string;
  regionField?: string;
}

/** A filter that limits a query to what the caller may see; apply it to every query. */
export function scopeFilter(principal: Principal, fields: ScopeFields = {}): Record<string, unknown> {
  const organisationField = fields.organisationField ?? 'organisationId';
  const regionField = fields.regionField ?? 'regionId';
  switch (principal.role) {
    case 'ADMIN':
      return {};
    case 'REGIONAL_MANAGER':
      return { [regionField]: principal.regionId };
    case 'ORGANISER':
    case 'COACH':
      return { [organisationField]: { $in: principal.organisationIds } };
  }
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
  }
}

export function assertCanAccess(principal: Principal, record: ScopedRecord): void {
  if (!canAccess(principal, record)) throw new ScopeError();
}

/** Managers follow their region but do not change an organisation's records. */
export function canWriteOrganisation(principal: Principal, organisationId: string): boolean {
  if (principal.role === 'ADMIN') return true;
  if (principal.role === 'REGIONAL_MANAGER') return false;
  return principal.organisationIds.includes(organisationId);
}

export function assertCanWriteOrganisation(principal: Principal, organisationId: string): void {
  if (!canWriteOrganisation(principal, organisationId)) {
    throw new ScopeError('You can only change the records of your own organisation.');
  }
}
