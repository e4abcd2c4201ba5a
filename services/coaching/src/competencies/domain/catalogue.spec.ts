import { DEFAULT_COMPETENCIES, assertKnownCompetencies, defaultCatalogue, reviseCatalogue } from './catalogue';

const edit = (codes: string[], targetLevel = 3) => ({
  targetLevel,
  competencies: codes.map((code) => ({ ...DEFAULT_COMPETENCIES[0], code })),
  editedBy: 'admin',
  editedAt: '2026-04-01T08:00:00.000Z',
});

describe('the competency catalogue', () => {
  it('starts from the thirteen default competencies at version 1 with target level 3', () => {
    const catalogue = defaultCatalogue('org-neteland');
    expect(catalogue.competencies).toHaveLength(13);
    expect(catalogue).toMatchObject({ version: 1, targetLevel: 3 });
    expect(catalogue.scale.map((level) => level.nl)).toEqual(['nog niet', 'gedeeltelijk', 'grotendeels', 'volledig']);
  });

  it('makes every edit a new version and leaves the earlier one as it was', () => {
    const first = defaultCatalogue('org-neteland');
    const second = reviseCatalogue(first, edit(['STIPTHEID', 'HEFTRUCK'], 2));
    expect(second).toMatchObject({ version: 2, targetLevel: 2 });
    expect(first.competencies).toHaveLength(13);
  });

  it('refuses a code listed twice', () => {
    expect(() => reviseCatalogue(defaultCatalogue('o'), edit(['STIPTHEID', 'STIPTHEID']))).toThrow(
      expect.objectContaining({ code: 'COACHING.COMPETENCY_REPEATED' }),
    );
  });

  it('refuses a target level outside the 1 to 4 scale', () => {
    expect(() => reviseCatalogue(defaultCatalogue('o'), edit(['STIPTHEID'], 5))).toThrow(
      expect.objectContaining({ code: 'COACHING.TARGET_OUT_OF_SCALE' }),
    );
  });

  it('refuses ratings of competencies the catalogue does not hold', () => {
    expect(() => assertKnownCompetencies(defaultCatalogue('o'), ['STIPTHEID', 'JONGLEREN'])).toThrow(
      expect.objectContaining({
        code: 'COACHING.COMPETENCY_UNKNOWN',
        facts: expect.objectContaining({ unknown: ['JONGLEREN'] }),
      }),
    );
  });
});
