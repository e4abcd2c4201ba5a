import { brusselsDateOf } from '@stapsteen/calendar';
import type { Principal } from '@stapsteen/auth';
import { InMemoryGapSettings } from '../../../test/in-memory-coaching';
import { GapSettingsService } from './gap-settings-service';

const defaults = { baselineDueDays: 42, unaddressedDays: 30, stalledDays: 30 };
const admin: Principal = { userId: 'admin-1', role: 'ADMIN', organisationIds: [], regionId: null };
const organiser: Principal = { userId: 'org-1', role: 'ORGANISER', organisationIds: ['org-neteland'], regionId: null };
const otherCoach: Principal = { userId: 'coach-9', role: 'COACH', organisationIds: ['org-herentals'], regionId: null };
const manager: Principal = { userId: 'mgr', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };
const windows = { baselineDueDays: 21, unaddressedDays: 14, stalledDays: 28 };

function setUp() {
  const store = new InMemoryGapSettings();
  const now = new Date('2026-12-01T09:00:00.000Z');
  const changed: string[] = [];
  const service = new GapSettingsService(
    store,
    { now: () => now, today: () => brusselsDateOf(now) },
    defaults,
    60_000,
    (id) => changed.push(id),
  );
  return { store, service, changed };
}

/**
 * Coaching's part of an organisation's gap windows: who may read and save them, their bounds and
 * defaults, and re-evaluating the organisation's gaps after a save. Keeping them in memory and
 * telling listeners is libs/organisation-settings' (organisation-settings.spec.ts).
 */
describe('gap settings', () => {
  it('shows the defaults to staff of an organisation that saved none', async () => {
    const { service } = setUp();
    expect(await service.read(organiser, 'org-neteland')).toEqual({
      organisationId: 'org-neteland',
      ...defaults,
      defaults,
      editedBy: null,
      editedAt: null,
    });
  });

  it('stores the organisation’s windows, shows them and asks for its gaps to be re-evaluated', async () => {
    const { service, store, changed } = setUp();
    await service.save(organiser, 'org-neteland', windows);
    expect(store.documents.get('org-neteland')).toEqual({
      ...windows,
      editedBy: 'org-1',
      editedAt: '2026-12-01T09:00:00.000Z',
    });
    expect(await service.read(admin, 'org-neteland')).toMatchObject({ ...windows, defaults });
    expect(await service.forOrganisation('org-neteland')).toEqual(windows);
    expect(changed).toEqual(['org-neteland']);
  });

  it('stores nothing when a window is out of range', async () => {
    const { service, store, changed } = setUp();
    await expect(service.save(admin, 'org-neteland', { ...windows, stalledDays: 3 })).rejects.toMatchObject({
      code: 'COACHING.GAP_WINDOW_OUT_OF_RANGE',
    });
    expect(store.documents.size).toBe(0);
    expect(changed).toEqual([]);
  });

  it('answers staff of another organisation and managers as if the organisation did not exist', async () => {
    const { service, store } = setUp();
    for (const principal of [otherCoach, manager]) {
      await expect(service.read(principal, 'org-neteland')).rejects.toMatchObject({
        code: 'COACHING.ORGANISATION_NOT_FOUND',
        kind: 'not-found',
      });
      await expect(service.save(principal, 'org-neteland', windows)).rejects.toMatchObject({
        code: 'COACHING.ORGANISATION_NOT_FOUND',
      });
    }
    expect(store.documents.size).toBe(0);
  });
});
