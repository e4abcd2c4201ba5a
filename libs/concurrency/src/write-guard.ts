import type { KeyedLock } from './keyed-lock';

/**
 * How aggregate writes stay correct on the database at hand (docs/adr/0005 and 0006):
 * - MongoDB applies a conditional update atomically and uses indexes for its conditions, so the
 *   version condition guards against writers in other processes too.
 * - FerretDB v1 applies neither atomically and scans the whole collection for any filter beyond
 *   `_id`; there the in-process lock is the guard and the filter stays on `_id` alone.
 */
export interface WriteGuard {
  lock: KeyedLock;
  atomicConditions: boolean;
}

export function guardedFilter<Id>(
  guard: Pick<WriteGuard, 'atomicConditions'>,
  id: Id,
  condition: Record<string, unknown>,
): { _id: Id } {
  return guard.atomicConditions ? { _id: id, ...condition } : { _id: id };
}

export const WRITE_GUARD = Symbol('WRITE_GUARD');
