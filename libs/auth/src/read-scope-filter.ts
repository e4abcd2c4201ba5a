import type { ReadScope } from './read-scope';

export interface ReadScopeFields {
  /** The field holding a record's organisation (`_id` for the organisations themselves). */
  organisationField?: string;
  regionField?: string;
}

/**
 * The MongoDB condition of a read scope, for the MongoDB adapters (`infrastructure/`) only: ports
 * and use cases pass the typed `ReadScope`. One organisation is an equality (its index serves it
 * on FerretDB too, where `$in` scans), several an `$in`.
 */
export function readScopeFilter(scope: ReadScope, fields: ReadScopeFields = {}): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (scope.regionId !== undefined) filter[fields.regionField ?? 'regionId'] = scope.regionId;
  if (scope.organisationIds !== undefined) {
    filter[fields.organisationField ?? 'organisationId'] =
      scope.organisationIds.length === 1 ? scope.organisationIds[0] : { $in: [...scope.organisationIds] };
  }
  return filter;
}
