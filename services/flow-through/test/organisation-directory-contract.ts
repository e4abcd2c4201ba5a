import type { OrganisationDirectory } from '../src/organisations/application/organisation-directory';
import type { Organisation } from '../src/organisations/domain/organisation';

/**
 * What every `OrganisationDirectory` does, run against the in-memory fake the unit tests use
 * (`in-memory-organisations.spec.ts`) and the MongoDB adapter on the run's FerretDB
 * (`mongo-organisation-directory.int-spec.ts`). `fresh` gives an empty directory for each test.
 */
export function describeOrganisationDirectoryContract(name: string, fresh: () => Promise<OrganisationDirectory>): void {
  describe(`${name} (the organisation directory contract)`, () => {
    let directory: OrganisationDirectory;
    const neteland: Organisation = {
      id: 'org-neteland',
      name: 'Wijk-werken Neteland',
      kind: 'WIJK_WERK',
      regionId: 'region-kempen',
    };
    const herentals: Organisation = {
      id: 'org-herentals',
      name: 'Wijk-werken Herentals',
      kind: 'WIJK_WERK',
      regionId: 'region-kempen',
    };
    const vdab: Organisation = { id: 'org-vdab', name: 'VDAB Kempen', kind: 'VDAB', regionId: 'region-kempen' };
    const gent: Organisation = { id: 'org-gent', name: 'Wijk-werken Gent', kind: 'WIJK_WERK', regionId: 'region-gent' };
    // Same name as Gent's: ordered by id after the name.
    const gentBis: Organisation = {
      id: 'org-gent-2',
      name: 'Wijk-werken Gent',
      kind: 'WIJK_WERK',
      regionId: 'region-gent',
    };
    const ids = (list: Organisation[]) => list.map((o) => o.id);

    beforeEach(async () => {
      directory = await fresh();
      for (const organisation of [neteland, vdab, gentBis, herentals, gent]) await directory.save(organisation);
    });

    it('finds an organisation by id, and nothing for an unknown id', async () => {
      expect(await directory.findById('org-neteland')).toEqual(neteland);
      expect(await directory.findById('org-nowhere')).toBeNull();
    });

    it('saves over an organisation with the same id (a rename or a move)', async () => {
      const renamed: Organisation = { ...neteland, name: 'Wijk-werken Neteland-Noord', regionId: 'region-gent' };
      await directory.save(renamed);
      expect(await directory.findById('org-neteland')).toEqual(renamed);
      expect(ids(await directory.list({}))).toEqual([
        'org-vdab',
        'org-gent',
        'org-gent-2',
        'org-herentals',
        'org-neteland',
      ]);
    });

    it('lists every organisation for an unlimited scope, by name and then by id', async () => {
      expect(await directory.list({})).toEqual([vdab, gent, gentBis, herentals, neteland]);
    });

    it('keeps to a region, to named organisations, or to both', async () => {
      expect(ids(await directory.list({ regionId: 'region-kempen' }))).toEqual([
        'org-vdab',
        'org-herentals',
        'org-neteland',
      ]);
      expect(ids(await directory.list({ organisationIds: ['org-neteland'] }))).toEqual(['org-neteland']);
      expect(ids(await directory.list({ organisationIds: ['org-neteland', 'org-gent'] }))).toEqual([
        'org-gent',
        'org-neteland',
      ]);
      expect(
        ids(await directory.list({ regionId: 'region-gent', organisationIds: ['org-neteland', 'org-gent'] })),
      ).toEqual(['org-gent']);
      expect(await directory.list({ organisationIds: [] })).toEqual([]);
      expect(await directory.list({ regionId: 'region-limburg' })).toEqual([]);
    });

    it('keeps to one kind when asked (the wijk-werkorganisaties hold participants; partners do not)', async () => {
      expect(ids(await directory.list({}, { kind: 'WIJK_WERK' }))).toEqual([
        'org-gent',
        'org-gent-2',
        'org-herentals',
        'org-neteland',
      ]);
      expect(ids(await directory.list({ regionId: 'region-kempen' }, { kind: 'WIJK_WERK' }))).toEqual([
        'org-herentals',
        'org-neteland',
      ]);
      expect(await directory.list({ regionId: 'region-kempen' }, { kind: 'OCMW' })).toEqual([]);
    });
  });
}
