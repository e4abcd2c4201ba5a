import type { Principal } from './principal';
import { isInReadScope, readScopeOf } from './read-scope';

const principal = (overrides: Partial<Principal>): Principal =>
  ({
    userId: 'u-1',
    role: 'ORGANISER',
    organisationIds: ['org-a'],
    regionId: 'region-kempen',
    ...overrides,
  }) as Principal;

const neteland = { organisationId: 'org-a', regionId: 'region-kempen' };
const geel = { organisationId: 'org-b', regionId: 'region-kempen' };
const gent = { organisationId: 'org-c', regionId: 'region-gent' };

describe('readScopeOf', () => {
  it('gives an administrator everything, or one organisation when asked', () => {
    const admin = principal({ role: 'ADMIN', organisationIds: [], regionId: null });
    expect(readScopeOf(admin)).toEqual({});
    expect(readScopeOf(admin, 'org-c')).toEqual({ organisationIds: ['org-c'] });
  });

  it('keeps a manager in the region, also when narrowed to an organisation elsewhere', () => {
    const manager = principal({ role: 'REGIONAL_MANAGER', organisationIds: [] });
    const scope = readScopeOf(manager)!;
    expect([neteland, geel, gent].map((r) => isInReadScope(scope, r))).toEqual([true, true, false]);
    const narrowed = readScopeOf(manager, 'org-c')!;
    expect([neteland, geel, gent].map((r) => isInReadScope(narrowed, r))).toEqual([false, false, false]);
  });

  it('lets a manager without a region read nothing (not everything)', () => {
    expect(readScopeOf(principal({ role: 'REGIONAL_MANAGER', organisationIds: [], regionId: null }))).toBeNull();
  });

  it('keeps organisers and coaches to their own organisations', () => {
    for (const role of ['ORGANISER', 'COACH'] as const) {
      const scope = readScopeOf(principal({ role }))!;
      expect([neteland, geel, gent].map((r) => isInReadScope(scope, r))).toEqual([true, false, false]);
      expect(readScopeOf(principal({ role }), 'org-b')).toBeNull();
      expect(readScopeOf(principal({ role, organisationIds: [] }))).toBeNull();
    }
  });

  it('reads nothing for a role it does not know', () => {
    expect(readScopeOf(principal({ role: 'VISITOR' as Principal['role'] }))).toBeNull();
  });
});
