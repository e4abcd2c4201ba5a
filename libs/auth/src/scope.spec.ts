import type { Principal } from './principal';
import { ScopeError, assertCanAccess, assertCanWriteOrganisation, canAccess, canReadOrganisation } from './scope';

const organiser: Principal = {
  userId: 'o',
  role: 'ORGANISER',
  organisationIds: ['org-neteland'],
  regionId: 'region-kempen',
};
const coach: Principal = { userId: 'c', role: 'COACH', organisationIds: ['org-neteland'], regionId: 'region-kempen' };
const manager: Principal = { userId: 'm', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };
const admin: Principal = { userId: 'a', role: 'ADMIN', organisationIds: [], regionId: null };

const neteland = { organisationId: 'org-neteland', regionId: 'region-kempen' };
const herentals = { organisationId: 'org-herentals', regionId: 'region-kempen' };
const gent = { organisationId: 'org-gent', regionId: 'region-gent' };

describe('canAccess', () => {
  it('lets an organiser see their own organisation’s record', () => {
    expect(canAccess(organiser, neteland)).toBe(true);
  });

  it('keeps an organiser out of a neighbouring organisation in the same region', () => {
    expect(canAccess(organiser, herentals)).toBe(false);
  });

  it('keeps a coach out of a neighbouring organisation in the same region', () => {
    expect(canAccess(coach, herentals)).toBe(false);
  });

  it('lets a manager see every organisation of their region', () => {
    expect(canAccess(manager, herentals)).toBe(true);
  });

  it('keeps a manager out of another region', () => {
    expect(canAccess(manager, gent)).toBe(false);
  });

  it('lets an administrator see any region', () => {
    expect(canAccess(admin, gent)).toBe(true);
  });

  it('says out of scope with a stable code when asserted', () => {
    expect(() => assertCanAccess(organiser, gent)).toThrow(expect.objectContaining({ code: 'AUTH.OUT_OF_SCOPE' }));
  });
});

describe('assertCanWriteOrganisation', () => {
  it('lets an organiser change their own organisation’s records', () => {
    expect(() => assertCanWriteOrganisation(organiser, 'org-neteland')).not.toThrow();
  });

  it('lets a coach change their own organisation’s records', () => {
    expect(() => assertCanWriteOrganisation(coach, 'org-neteland')).not.toThrow();
  });

  it('refuses an organiser changing a neighbouring organisation’s records', () => {
    expect(() => assertCanWriteOrganisation(organiser, 'org-herentals')).toThrow(ScopeError);
  });

  it('refuses a manager, who reads their region but does not change it', () => {
    expect(() => assertCanWriteOrganisation(manager, 'org-neteland')).toThrow(ScopeError);
  });

  it('lets an administrator change any organisation’s records', () => {
    expect(() => assertCanWriteOrganisation(admin, 'org-gent')).not.toThrow();
  });
});

describe('canReadOrganisation', () => {
  it('lets staff read their own organisation only, whatever its records', () => {
    expect(canReadOrganisation(organiser, 'org-neteland', ['region-kempen'])).toBe(true);
    expect(canReadOrganisation(coach, 'org-herentals', [])).toBe(false);
    expect(canReadOrganisation(organiser, 'org-herentals', ['region-kempen'])).toBe(false);
  });

  it('lets a manager read an organisation of their region, not one whose records lie in another', () => {
    expect(canReadOrganisation(manager, 'org-herentals', ['region-kempen', 'region-kempen'])).toBe(true);
    expect(canReadOrganisation(manager, 'org-gent', ['region-gent'])).toBe(false);
    expect(canReadOrganisation({ ...manager, regionId: null }, 'org-herentals', [])).toBe(false);
  });

  it('shows a manager an organisation without records as empty, and admins everything', () => {
    expect(canReadOrganisation(manager, 'org-new', [])).toBe(true);
    expect(canReadOrganisation(admin, 'org-gent', ['region-gent'])).toBe(true);
  });
});
