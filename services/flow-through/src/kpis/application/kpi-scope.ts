import { Principal, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import type { Organisation } from '../../organisations/domain/organisation';

export interface KpiScopeRequest {
  regionId?: string;
  organisationId?: string;
}

/** Out of scope reads as "does not exist", so nobody learns which regions or organisations exist. */
export const kpiScopeNotFound = (what: string) =>
  new DomainError('KPI.SCOPE_NOT_FOUND', 'not-found', `No ${what} with that id is known to you.`);

/** The wijk-werkorganisaties hold the participants; partners have none to count. */
const holdsParticipants = (organisation: Organisation) => organisation.kind === 'WIJK_WERK';

/**
 * The organisations a KPI request covers: one organisation, a region's, or every one (admin),
 * always within the caller's scope. Managers see their region; organisers and coaches their
 * organisations; admins everything.
 */
export async function resolveKpiScope(
  principal: Principal,
  request: KpiScopeRequest,
  directory: OrganisationDirectory,
): Promise<Organisation[]> {
  if (request.organisationId) {
    const organisation = await directory.findById(request.organisationId);
    if (!organisation || !canAccess(principal, { organisationId: organisation.id, regionId: organisation.regionId }))
      throw kpiScopeNotFound('organisation');
    if (request.regionId && organisation.regionId !== request.regionId) throw kpiScopeNotFound('organisation');
    return [organisation];
  }
  switch (principal.role) {
    case 'ADMIN':
      return (await directory.list(request.regionId ? { regionId: request.regionId } : {})).filter(holdsParticipants);
    case 'REGIONAL_MANAGER': {
      if (principal.regionId === null) return [];
      if (request.regionId && request.regionId !== principal.regionId) throw kpiScopeNotFound('region');
      return (await directory.list({ regionId: principal.regionId })).filter(holdsParticipants);
    }
    case 'ORGANISER':
    case 'COACH': {
      // By _id, one lookup each: staff hold a handful of organisations (ADR 6).
      const own = await Promise.all(principal.organisationIds.map((id) => directory.findById(id)));
      const inScope = own.filter((o): o is Organisation => o !== null);
      if (!request.regionId) return inScope;
      const inRegion = inScope.filter((o) => o.regionId === request.regionId);
      if (inRegion.length === 0) throw kpiScopeNotFound('region');
      return inRegion;
    }
    default:
      return [];
  }
}
