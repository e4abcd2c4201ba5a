import { readScopeFilter } from './read-scope-filter';

describe('readScopeFilter', () => {
  it('reads everything for an empty scope', () => {
    expect(readScopeFilter({})).toEqual({});
  });

  it('asks one organisation by equality and several with $in, within a region when given', () => {
    expect(readScopeFilter({ organisationIds: ['org-a'] })).toEqual({ organisationId: 'org-a' });
    expect(readScopeFilter({ regionId: 'region-kempen', organisationIds: ['org-a', 'org-b'] })).toEqual({
      regionId: 'region-kempen',
      organisationId: { $in: ['org-a', 'org-b'] },
    });
  });

  it('matches nothing for an empty list of organisations', () => {
    expect(readScopeFilter({ organisationIds: [] })).toEqual({ organisationId: { $in: [] } });
  });

  it('uses the fields it is given', () => {
    expect(readScopeFilter({ regionId: 'r', organisationIds: ['org-a'] }, { organisationField: '_id' })).toEqual({
      regionId: 'r',
      _id: 'org-a',
    });
  });
});
