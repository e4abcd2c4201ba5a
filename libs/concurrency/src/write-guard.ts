import type { KeyedLock } from './keyed-lock';
import type { VersionClaims } from './version-claims';

/**
 * How aggregate writes stay correct on the database at hand (docs/adr/0005 and 0006):
 * - MongoDB applies a conditional update atomically and uses indexes for its conditions, so the
 *   version condition guards against writers in other processes too.
 * - FerretDB v1 applies neither atomically and scans the whole collection for any filter beyond
 *   `_id`; there the filter stays on `_id` alone.
 * - On both, a write of a claimed collection first claims its version step (`claims`, ADR 18):
 *   the one guard that holds across processes on FerretDB. The in-process lock stays, so the
 *   writers of one process queue instead of racing for the claim.
 */
export interface WriteGuard {
  lock: KeyedLock;
  atomicConditions: boolean;
  claims: VersionClaims;
}

export function guardedFilter<Id>(
  guard: Pick<WriteGuard, 'atomicConditions'>,
  id: Id,
  condition: Record<string, unknown>,
): { _id: Id } {
  return guard.atomicConditions ? { _id: id, ...condition } : { _id: id };
}

export const WRITE_GUARD = Symbol('WRITE_GUARD');
