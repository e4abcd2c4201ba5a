import type { Principal } from '@stapsteen/auth';
import { InMemoryOrganisationSettingsStore } from '../../../../../libs/organisation-settings/test/in-memory-organisation-settings-store';
import { InMemoryOrganisations } from '../../../test/in-memory-organisations';
import type { Organisation } from '../../organisations/domain/organisation';
import type { AlertRules } from '../domain/alert-rules';
import { AlertRulesService } from './alert-rules-service';

const organisations: Organisation[] = [
  { id: 'org-neteland', name: 'Neteland', kind: 'WIJK_WERK', regionId: 'region-kempen' },
  { id: 'org-gent', name: 'Gent', kind: 'WIJK_WERK', regionId: 'region-gent' },
];
const directory = new InMemoryOrganisations(organisations);

const defaults = { endingWithinDays: 60, evaluationWithinDays: 14 };
const rules = { endingWithinDays: 30, evaluationWithinDays: 7 };
const admin: Principal = { userId: 'admin-1', role: 'ADMIN', organisationIds: [], regionId: null };
const organiser: Principal = { userId: 'org-1', role: 'ORGANISER', organisationIds: ['org-neteland'], regionId: null };
const coach: Principal = { userId: 'coach-1', role: 'COACH', organisationIds: ['org-neteland'], regionId: null };
const otherOrganiser: Principal = { userId: 'org-9', role: 'ORGANISER', organisationIds: ['org-gent'], regionId: null };
const kempen: Principal = { userId: 'mgr-k', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };
const gent: Principal = { userId: 'mgr-g', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-gent' };

function setUp() {
  const store = new InMemoryOrganisationSettingsStore<AlertRules>();
  const now = new Date('2026-12-01T09:00:00.000Z');
  const service = new AlertRulesService(
    store,
    directory,
    { now: () => now, today: () => '2026-12-01' },
    defaults,
    60_000,
  );
  const changed: string[] = [];
  service.onChanged((id) => changed.push(id));
  return { store, service, changed };
}

/**
 * Flow-through's part of an organisation's alert rules: who may read and save them (the directory
 * knows the organisation; its region's manager may read), their bounds and defaults, and checking
 * the participants again after a save. Keeping them in memory and telling listeners is
 * libs/organisation-settings' (organisation-settings.spec.ts).
 */
describe('alert rules service', () => {
  it('shows the defaults to the organisation’s staff and its region’s manager while it saved none', async () => {
    const { service } = setUp();
    for (const principal of [organiser, coach, kempen, admin]) {
      expect(await service.read(principal, 'org-neteland')).toEqual({
        organisationId: 'org-neteland',
        ...defaults,
        defaults,
        editedBy: null,
        editedAt: null,
      });
    }
  });

  it('stores an organiser’s rules, shows them, uses them and asks for the participants to be checked', async () => {
    const { service, store, changed } = setUp();
    await service.save(organiser, 'org-neteland', rules);
    expect(store.documents.get('org-neteland')).toEqual({
      ...rules,
      editedBy: 'org-1',
      editedAt: '2026-12-01T09:00:00.000Z',
    });
    expect(await service.read(kempen, 'org-neteland')).toMatchObject({ ...rules, defaults, editedBy: 'org-1' });
    expect(await service.forOrganisation('org-neteland')).toEqual(rules);
    expect(changed).toEqual(['org-neteland']);
  });

  it('stores nothing when a window is out of range', async () => {
    const { service, store, changed } = setUp();
    await expect(service.save(admin, 'org-neteland', { ...rules, evaluationWithinDays: 0 })).rejects.toMatchObject({
      code: 'ALERT_RULES.OUT_OF_RANGE',
    });
    expect(store.documents.size).toBe(0);
    expect(changed).toEqual([]);
  });

  it('answers callers out of scope, and for an unknown organisation, as if it did not exist', async () => {
    const { service, store } = setUp();
    for (const principal of [otherOrganiser, gent]) {
      await expect(service.read(principal, 'org-neteland')).rejects.toMatchObject({
        code: 'ORGANISATION.NOT_FOUND',
        kind: 'not-found',
      });
    }
    for (const principal of [otherOrganiser, kempen]) {
      await expect(service.save(principal, 'org-neteland', rules)).rejects.toMatchObject({
        code: 'ORGANISATION.NOT_FOUND',
      });
    }
    await expect(service.read(admin, 'org-nowhere')).rejects.toMatchObject({ code: 'ORGANISATION.NOT_FOUND' });
    await expect(service.save(admin, 'org-nowhere', rules)).rejects.toMatchObject({ code: 'ORGANISATION.NOT_FOUND' });
    expect(store.documents.size).toBe(0);
  });
});
