import type { ReadScope } from '@stapsteen/auth';

/**
 * The MongoDB condition of a read scope: an adapter detail, never seen by the application. One
 * organisation is an equality (its index serves it on FerretDB too), several an `$in`.
 */
export function readScopeFilter(scope: ReadScope): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (scope.regionId !== undefined) filter.regionId = scope.regionId;
  if (scope.organisationIds !== undefined) {
    filter.organisationId =
      scope.organisationIds.length === 1 ? scope.organisationIds[0] : { $in: [...scope.organisationIds] };
  }
  return filter;
}
