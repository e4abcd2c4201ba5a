import type { Principal } from './principal';
import { ScopeError, assertCanWriteOrganisation, canAccess, scopeFilter } from './scope';

const organiser: Principal = {
  userId: 'o',
  role: 'ORGANISER',
  organisationIds: ['org-neteland'],
  regionId: 'region-kempen',
};
const manager: Principal = { userId: 'm', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };
const admin: Principal = { userId: 'a', role: 'ADMIN', organisationIds: [], regionId: null };

const neteland = { organisationId: 'org-neteland', regionId: 'region-kempen' };
const herentals = { organisationId: 'org-herentals', regionId: 'region-kempen' };
const gent = { organisationId: 'org-gent', regionId: 'region-gent' };

describe('scope', () => {
  it('limits an organiser’s queries to their organisations', () => {
    expect(scopeFilter(organiser)).toEqual({ organisationId: { $in: ['org-neteland'] } });
  });

  it('limits a regional manager’s queries to their region', () => {
    expect(scopeFilter(manager)).toEqual({ regionId: 'region-kempen' });
  });

  it('uses the field names a collection has', () => {
    expect(scopeFilter(organiser, { organisationField: '_id' })).toEqual({ _id: { $in: ['org-neteland'] } });
  });

  it('does not limit an administrator', () => {
    expect(scopeFilter(admin)).toEqual({});
  });

  it('lets an organiser see their own organisation’s record but not a neighbour’s', () => {
    expect(canAccess(organiser, neteland)).toBe(true);
    expect(canAccess(organiser, herentals)).toBe(false);
  });

  it('lets a manager see every organisation of their region and nothing of another region', () => {
    expect(canAccess(manager, herentals)).toBe(true);
    expect(canAccess(manager, gent)).toBe(false);
  });

  it('lets a manager read but not change an organisation’s records', () => {
    expect(() => assertCanWriteOrganisation(manager, 'org-neteland')).toThrow(ScopeError);
    expect(() => assertCanWriteOrganisation(organiser, 'org-neteland')).not.toThrow();
    expect(() => assertCanWriteOrganisation(organiser, 'org-herentals')).toThrow(ScopeError);
  });
});
