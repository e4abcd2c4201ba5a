import type { AssessorKind } from '@stapsteen/contracts';
import { Assessment, createAssessment } from '../../assessments/domain/assessment';
import type { AssignmentSummary } from '../../assignments/domain/assignment';
import { defaultCatalogue } from '../../competencies/domain/catalogue';
import { SuggestionFacts, competencyNames, suggestModalities } from './modality-suggestions';

const assessed = (
  participantId: string,
  levels: Record<string, number>,
  on = '2026-03-05',
  kind: AssessorKind = 'COACH',
): Assessment =>
  createAssessment(
    {
      id: `a-${participantId}-${on}-${kind}`,
      participant: { participantId, organisationId: 'org-neteland', regionId: 'region-kempen' },
      assessorKind: kind,
      assessedOn: on,
      ratings: Object.entries(levels).map(([competencyCode, level]) => ({ competencyCode, level, note: null })),
      recordedBy: 'coach-1',
      recordedAt: `${on}T10:00:00.000Z`,
      today: on,
    },
    defaultCatalogue('org-neteland'),
  );

const assignment = (overrides: Partial<AssignmentSummary> = {}): AssignmentSummary => ({
  assignmentId: 'as-1',
  participantId: 'p-1',
  modality: 'ONE_ON_ONE',
  competencyCodes: ['PLANNEN'],
  active: true,
  startedOn: '2026-03-10',
  endedOn: null,
  lastActivityOn: '2026-03-10',
  notStalledBefore: null,
  ...overrides,
});

/** `lacking` other participants below target on a competency, `meeting` others at target. */
const others = (code: string, lacking: number, meeting: number): Assessment[] => [
  ...Array.from({ length: lacking }, (_, i) => assessed(`low-${code}-${i}`, { [code]: 2 })),
  ...Array.from({ length: meeting }, (_, i) => assessed(`ok-${code}-${i}`, { [code]: 3 })),
];

const facts = (overrides: Partial<SuggestionFacts> = {}): SuggestionFacts => {
  const own = overrides.assessments ?? [assessed('p-1', { DIGITAAL: 2, SAMENWERKEN: 3 })];
  return {
    participantId: 'p-1',
    assessments: own,
    organisationAssessments: [...own, ...(overrides.organisationAssessments ?? [])],
    lowHoursFlagged: false,
    assignments: [],
    names: competencyNames(defaultCatalogue('org-neteland').competencies),
    ...overrides,
  };
};
const modalities = (f: SuggestionFacts) =>
  suggestModalities(f).map((s) => `${s.modality}:${s.competencyCodes.join('+')}`);

describe('group training for shared gaps', () => {
  it('suggests a group when at least 30% and 3 other participants lack the same competency', () => {
    const [suggestion] = suggestModalities(facts({ organisationAssessments: others('DIGITAAL', 3, 7) }));
    expect(suggestion).toMatchObject({
      modality: 'GROUP',
      competencyCodes: ['DIGITAAL'],
      reasonCodes: ['SHARED_GAP'],
      sharedGaps: [{ competencyCode: 'DIGITAAL', participantsBelowTarget: 3, participantsAssessed: 10 }],
    });
    expect(suggestion.reason).toContain('Digitale vaardigheden: 3 van 10');
    expect(suggestion.reasonEn).toContain('Digital skills: 3 of 10');
  });

  it('does not suggest a group when fewer than 30% of the others lack the competency', () => {
    expect(modalities(facts({ organisationAssessments: others('DIGITAAL', 3, 8) }))).toEqual([]);
  });

  it('does not suggest a group when fewer than three others lack it, however large their share', () => {
    expect(modalities(facts({ organisationAssessments: others('DIGITAAL', 2, 0) }))).toEqual([]);
  });

  it('does not count competencies the participant is at target on, however many others lack them', () => {
    expect(modalities(facts({ organisationAssessments: others('SAMENWERKEN', 5, 0) }))).toEqual([]);
  });

  it('honours a configured share and minimum', () => {
    const f = facts({ organisationAssessments: others('DIGITAAL', 2, 8) });
    const policy = { groupSharePercent: 20, groupMinParticipants: 2, motivationCodes: [], peerAddOnMinBelowTarget: 2 };
    expect(suggestModalities(f, policy).map((s) => s.modality)).toEqual(['GROUP']);
  });

  it('uses only the latest staff rating, not a self-assessment', () => {
    const own = [
      assessed('p-1', { DIGITAAL: 2 }, '2026-03-01'),
      assessed('p-1', { DIGITAAL: 3 }, '2026-04-01'),
      assessed('p-1', { DIGITAAL: 1 }, '2026-04-02', 'SELF'),
    ];
    expect(modalities(facts({ assessments: own, organisationAssessments: others('DIGITAAL', 5, 0) }))).toEqual([]);
  });

  it('leaves out a competency the participant already works on in an active group session', () => {
    const f = facts({
      organisationAssessments: others('DIGITAAL', 5, 0),
      assignments: [assignment({ modality: 'GROUP', competencyCodes: ['DIGITAAL'] })],
    });
    expect(suggestModalities(f).map((s) => s.modality)).not.toContain('GROUP');
  });

  it('suggests a group again once the earlier group session on the competency has ended', () => {
    const f = facts({
      organisationAssessments: others('DIGITAAL', 5, 0),
      assignments: [assignment({ modality: 'GROUP', competencyCodes: ['DIGITAAL'], active: false })],
    });
    expect(modalities(f)).toEqual(['GROUP:DIGITAAL']);
  });
});

describe('1-on-1 coaching for low hours', () => {
  it('suggests 1-on-1 coaching when low hours are flagged, naming the competencies below target', () => {
    const [suggestion] = suggestModalities(facts({ lowHoursFlagged: true }));
    expect(suggestion).toMatchObject({
      modality: 'ONE_ON_ONE',
      competencyCodes: ['DIGITAAL'],
      reasonCodes: ['LOW_HOURS'],
    });
    expect(suggestion.reason).toContain('Te weinig gepresteerde uren');
    expect(suggestion.reasonEn).toContain('Low hours flagged');
  });

  it('suggests 1-on-1 coaching for low hours even without any competency below target', () => {
    const f = facts({ lowHoursFlagged: true, assessments: [], organisationAssessments: [] });
    expect(modalities(f)).toEqual(['ONE_ON_ONE:']);
  });

  it('does not suggest 1-on-1 coaching when the participant already has it', () => {
    const f = facts({ lowHoursFlagged: true, assignments: [assignment({ competencyCodes: ['DIGITAAL'] })] });
    expect(suggestModalities(f).map((s) => s.modality)).not.toContain('ONE_ON_ONE');
  });

  it('does not suggest 1-on-1 coaching when low hours are not flagged', () => {
    expect(modalities(facts())).toEqual([]);
  });
});

describe('peer support as an add-on', () => {
  it('suggests peer support as an add-on for a motivation-related competency below target', () => {
    const [suggestion] = suggestModalities(facts({ assessments: [assessed('p-1', { STIPTHEID: 2, DIGITAAL: 3 })] }));
    expect(suggestion).toMatchObject({
      modality: 'PEER',
      competencyCodes: ['STIPTHEID'],
      reasonCodes: ['MOTIVATION_RETENTION'],
      addOn: true,
    });
    expect(suggestion.reason).toContain('aanvulling');
    expect(suggestion.reasonEn).toContain('add-on');
  });

  it('suggests peer support next to active 1-on-1 coaching when two competencies are below target', () => {
    const f = facts({
      assessments: [assessed('p-1', { DIGITAAL: 2, PLANNEN: 1 })],
      assignments: [assignment()],
    });
    expect(suggestModalities(f)).toEqual([
      expect.objectContaining({
        modality: 'PEER',
        competencyCodes: ['DIGITAAL', 'PLANNEN'],
        reasonCodes: ['ADD_ON_MANY_GAPS'],
      }),
    ]);
  });

  it('suggests peer support next to an active group session when two competencies are below target', () => {
    const f = facts({
      assessments: [assessed('p-1', { DIGITAAL: 2, PLANNEN: 1 })],
      assignments: [assignment({ modality: 'GROUP' })],
    });
    expect(suggestModalities(f).map((s) => s.modality)).toEqual(['PEER']);
  });

  it('does not suggest peer support for one competency below target next to active coaching', () => {
    expect(modalities(facts({ assignments: [assignment()] }))).toEqual([]);
  });

  it('does not suggest peer support for many gaps without other coaching running', () => {
    expect(modalities(facts({ assessments: [assessed('p-1', { DIGITAAL: 2, PLANNEN: 1 })] }))).toEqual([]);
  });

  it('does not suggest peer support when the participant already has an active peer pair', () => {
    const f = facts({
      assessments: [assessed('p-1', { STIPTHEID: 1 })],
      assignments: [assignment({ modality: 'PEER', competencyCodes: ['DIGITAAL'] })],
    });
    expect(modalities(f)).toEqual([]);
  });
});

describe('suggestions together', () => {
  it('combines group, 1-on-1 and peer suggestions, each with its own reason, and assigns nothing', () => {
    const own = [assessed('p-1', { DIGITAAL: 2, STIPTHEID: 1 })];
    const f = facts({ assessments: own, lowHoursFlagged: true, organisationAssessments: others('DIGITAAL', 4, 0) });
    const suggestions = suggestModalities(f);
    expect(suggestions.map((s) => s.modality)).toEqual(['GROUP', 'ONE_ON_ONE', 'PEER']);
    expect(suggestions.every((s) => s.reason.length > 0 && s.reasonEn.length > 0)).toBe(true);
    expect(f.assignments).toEqual([]);
  });
});
