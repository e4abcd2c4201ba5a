import { defaultCatalogue } from '../../competencies/domain/catalogue';
import { Assessment, assessedFact, createAssessment, latestRatings, withChanges } from './assessment';

const participant = { participantId: 'p-1', organisationId: 'org-neteland', regionId: 'region-kempen' };
const input = (overrides: Partial<Parameters<typeof createAssessment>[0]> = {}) => ({
  id: 'a-1',
  participant,
  assessorKind: 'COACH' as const,
  assessedOn: '2026-04-10',
  ratings: [
    { competencyCode: 'STIPTHEID', level: 2, note: 'Komt vaak te laat' },
    { competencyCode: 'SAMENWERKEN', level: 3, note: null },
  ],
  recordedBy: 'coach-1',
  recordedAt: '2026-04-10T10:00:00.000Z',
  today: '2026-04-10',
  ...overrides,
});
const assessment = (id: string, kind: Assessment['assessorKind'], on: string, stiptheid: number): Assessment =>
  createAssessment(
    input({
      id,
      assessorKind: kind,
      assessedOn: on,
      today: on,
      ratings: [{ competencyCode: 'STIPTHEID', level: stiptheid, note: null }],
    }),
    defaultCatalogue('org-neteland'),
  );

describe('an assessment', () => {
  it('records the catalogue version and target it was made with', () => {
    expect(createAssessment(input(), defaultCatalogue('org-neteland'))).toMatchObject({
      catalogueVersion: 1,
      targetLevel: 3,
    });
  });

  it('refuses a level outside the 1 to 4 scale', () => {
    const ratings = [{ competencyCode: 'STIPTHEID', level: 5, note: null }];
    expect(() => createAssessment(input({ ratings }), defaultCatalogue('o'))).toThrow(
      expect.objectContaining({ code: 'COACHING.LEVEL_OUT_OF_SCALE' }),
    );
  });

  it('refuses the same competency rated twice', () => {
    const ratings = [
      { competencyCode: 'STIPTHEID', level: 2, note: null },
      { competencyCode: 'STIPTHEID', level: 3, note: null },
    ];
    expect(() => createAssessment(input({ ratings }), defaultCatalogue('o'))).toThrow(
      expect.objectContaining({ code: 'COACHING.COMPETENCY_REPEATED' }),
    );
  });

  it('refuses a date in the future', () => {
    expect(() => createAssessment(input({ assessedOn: '2026-04-11' }), defaultCatalogue('o'))).toThrow(
      expect.objectContaining({ code: 'COACHING.ASSESSED_IN_FUTURE' }),
    );
  });

  it('publishes the ratings and the codes below target, but never the notes', () => {
    const fact = assessedFact(createAssessment(input(), defaultCatalogue('org-neteland')));
    expect(fact.data.belowTargetCodes).toEqual(['STIPTHEID']);
    expect(JSON.stringify(fact)).not.toContain('laat');
  });

  it('compares each rating with the previous one by the same kind of assessor only', () => {
    const history = withChanges([
      assessment('a-1', 'COACH', '2026-03-01', 1),
      assessment('a-2', 'SELF', '2026-03-15', 4),
      assessment('a-3', 'COACH', '2026-06-01', 3),
    ]);
    expect(history.map((a) => a.changes[0].change)).toEqual([null, null, 2]);
  });

  it('takes the latest staff rating per competency, ignoring self-assessments', () => {
    const latest = latestRatings([
      assessment('a-1', 'COACH', '2026-03-01', 2),
      assessment('a-2', 'SELF', '2026-05-01', 4),
    ]);
    expect(latest.get('STIPTHEID')?.level).toBe(2);
  });
});
