import { randomUUID } from 'node:crypto';
import type { OrganisationSettingsStore, StoredSettings } from '@stapsteen/organisation-settings';

/**
 * What every `OrganisationSettingsStore` does, run against the in-memory store the unit tests use
 * and against each MongoDB store on the run's FerretDB: the library's own, and each service's
 * (its collection and its fields). `fresh` gives a store; `example(n)` a service's values, each `n`
 * different. Organisation ids are new in each test, so a store may be shared between tests.
 */
export function describeOrganisationSettingsStoreContract<T>(
  name: string,
  fresh: () => OrganisationSettingsStore<T> | Promise<OrganisationSettingsStore<T>>,
  example: (variant: number) => T,
): void {
  describe(`${name} (the organisation settings store contract)`, () => {
    let store: OrganisationSettingsStore<T>;
    beforeEach(async () => {
      store = await fresh();
    });

    const organisationId = () => `org-${randomUUID()}`;
    const saved = (variant: number, editedBy = 'organiser-neteland'): StoredSettings<T> => ({
      ...example(variant),
      editedBy,
      editedAt: `2026-12-0${1 + (variant % 9)}T10:00:00.000Z`,
    });

    it('has nothing for an organisation that never saved its own values', async () => {
      expect(await store.load(organisationId())).toBeNull();
    });

    it("keeps each organisation's values apart, the last save replacing the one before", async () => {
      const [neteland, herentals] = [organisationId(), organisationId()];
      await store.save(neteland, saved(1));
      await store.save(herentals, saved(2, 'organiser-herentals'));
      await store.save(neteland, saved(3, 'coach-neteland'));
      expect(await store.load(neteland)).toEqual(saved(3, 'coach-neteland'));
      expect(await store.load(herentals)).toEqual(saved(2, 'organiser-herentals'));
    });

    it('keeps one of two first saves made at the same time, whole (never a mix of both)', async () => {
      const neteland = organisationId();
      await Promise.all([store.save(neteland, saved(1)), store.save(neteland, saved(2, 'b'))]);
      expect([saved(1), saved(2, 'b')]).toContainEqual(await store.load(neteland));
    });

    it('hands out copies and keeps its own', async () => {
      const neteland = organisationId();
      const given = saved(1);
      await store.save(neteland, given);
      Object.assign(given, saved(2, 'changed-after-saving'));
      const loaded = (await store.load(neteland)) as StoredSettings<T>;
      Object.assign(loaded, saved(3, 'changed-after-loading'));
      expect(await store.load(neteland)).toEqual(saved(1));
    });
  });
}
