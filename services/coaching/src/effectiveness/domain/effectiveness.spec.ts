import type { AssessorKind, CoachingModality } from '@stapsteen/contracts';
import { Assessment, createAssessment } from '../../assessments/domain/assessment';
import type { AssignmentSummary } from '../../assignments/domain/assignment';
import { defaultCatalogue } from '../../competencies/domain/catalogue';
import { EffectivenessFacts, effectivenessReport, trajectoryMonth } from './effectiveness';

const assessed = (
  participantId: string,
  on: string,
  level: number,
  kind: AssessorKind = 'COACH',
  code = 'DIGITAAL',
): Assessment =>
  createAssessment(
    {
      id: `a-${participantId}-${on}-${kind}-${code}`,
      participant: { participantId, organisationId: 'org-neteland', regionId: 'region-kempen' },
      assessorKind: kind,
      assessedOn: on,
      ratings: [{ competencyCode: code, level, note: null }],
      recordedBy: 'coach-1',
      recordedAt: `${on}T10:00:00.000Z`,
      today: on,
    },
    defaultCatalogue('org-neteland'),
  );

const assignment = (
  participantId: string,
  modality: CoachingModality,
  startedOn: string,
  codes = ['DIGITAAL'],
): AssignmentSummary => ({
  assignmentId: `as-${participantId}-${modality}-${startedOn}`,
  participantId,
  modality,
  competencyCodes: codes,
  active: true,
  startedOn,
  endedOn: null,
  lastActivityOn: startedOn,
  notStalledBefore: null,
});

/** A participant rated `before` on 1 March, coached from 10 March, rated `after` on 1 June. */
const coached = (id: string, before: number, after: number, modality: CoachingModality = 'GROUP') => ({
  assessments: [assessed(id, '2026-03-01', before), assessed(id, '2026-06-01', after)],
  assignments: [assignment(id, modality, '2026-03-10')],
});

const facts = (
  people: Array<ReturnType<typeof coached>>,
  overrides: Partial<EffectivenessFacts> = {},
): EffectivenessFacts => ({
  from: null,
  to: null,
  assessments: people.flatMap((p) => p.assessments),
  assignments: people.flatMap((p) => p.assignments),
  trajectories: new Map(),
  ...overrides,
});

type Trajectory = { startedOn: string | null; endedOn: string | null };
const running = (id: string, startedOn: string): [string, Trajectory[]] => [id, [{ startedOn, endedOn: null }]];

const five = (levels: Array<[number, number]>, modality: CoachingModality = 'GROUP') =>
  levels.map(([before, after], i) => coached(`p-${modality}-${i}`, before, after, modality));

describe('effectiveness report', () => {
  it('averages the change in staff rating per competency and modality as sum over count', () => {
    const [row] = effectivenessReport(
      facts(
        five([
          [1, 3],
          [2, 3],
          [2, 2],
          [1, 2],
          [2, 4],
        ]),
      ),
    );
    expect(row).toMatchObject({
      competencyCode: 'DIGITAAL',
      modality: 'GROUP',
      participants: 5,
      averageChange: 1.2,
      suppressed: false,
    });
  });

  it('suppresses the average of a cell based on fewer than five participants but tells how many', () => {
    const [row] = effectivenessReport(
      facts(
        five([
          [1, 3],
          [2, 3],
          [2, 2],
          [1, 2],
        ]),
      ),
    );
    expect(row).toMatchObject({ participants: 4, averageChange: null, suppressed: true });
  });

  it('keeps the modalities apart', () => {
    const rows = effectivenessReport(
      facts([
        ...five([
          [1, 3],
          [1, 3],
          [1, 3],
          [1, 3],
          [1, 3],
        ]),
        ...five(
          [
            [2, 2],
            [2, 2],
            [2, 2],
            [2, 2],
            [2, 2],
          ],
          'ONE_ON_ONE',
        ),
      ]),
    );
    expect(rows.map((r) => [r.modality, r.averageChange])).toEqual([
      ['GROUP', 2],
      ['ONE_ON_ONE', 0],
    ]);
  });

  it('compares with the last staff rating on or before the start and the latest one after it', () => {
    const people = five([
      [2, 3],
      [2, 3],
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    people[0].assessments.push(assessed('p-GROUP-0', '2026-03-10', 1), assessed('p-GROUP-0', '2026-05-01', 4));
    // p-GROUP-0: 3 (1 June) minus 1 (10 March, the start day); the others 3 minus 2.
    expect(effectivenessReport(facts(people))[0].averageChange).toBe(1.2);
  });

  it('ignores self-assessments and gebruiker feedback on both sides', () => {
    const people = five([
      [2, 3],
      [2, 3],
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    people[0].assessments.push(
      assessed('p-GROUP-0', '2026-07-01', 1, 'SELF'),
      assessed('p-GROUP-0', '2026-07-02', 1, 'GEBRUIKER'),
    );
    expect(effectivenessReport(facts(people))[0].averageChange).toBe(1);
  });

  it('leaves out a participant without a rating after the coaching started', () => {
    const people = five([
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
    ]);
    people[0].assessments.pop();
    expect(effectivenessReport(facts(people))[0]).toMatchObject({ participants: 4, suppressed: true });
  });

  it('counts a participant once per competency and modality, from their first assignment', () => {
    const people = five([
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
    ]);
    people[0].assignments.push(assignment('p-GROUP-0', 'GROUP', '2026-04-01'));
    expect(effectivenessReport(facts(people))[0]).toMatchObject({ participants: 5, averageChange: 2 });
  });

  it('counts only coaching that started in the months asked for', () => {
    const inside = effectivenessReport(
      facts(
        five([
          [1, 3],
          [1, 3],
          [1, 3],
          [1, 3],
          [1, 3],
        ]),
        { from: '2026-03', to: '2026-03' },
      ),
    );
    const outside = effectivenessReport(
      facts(
        five([
          [1, 3],
          [1, 3],
          [1, 3],
          [1, 3],
          [1, 3],
        ]),
        { from: '2026-04', to: '2026-12' },
      ),
    );
    expect(inside[0].participants).toBe(5);
    expect(outside).toEqual([]);
  });

  it('refuses a period whose start lies after its end', () => {
    expect(() => effectivenessReport(facts([], { from: '2026-05', to: '2026-04' }))).toThrow(
      expect.objectContaining({ code: 'COACHING.PERIOD_INVALID' }),
    );
  });

  it('splits by the trajectory month in which the coaching started', () => {
    const early = five([
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
    ]);
    const late = five([
      [2, 2],
      [2, 2],
      [2, 2],
      [2, 2],
      [2, 2],
    ]).map((p, i) => ({
      assessments: p.assessments.map((a) => ({ ...a, participantId: `late-${i}` })),
      assignments: p.assignments.map((a) => ({ ...a, participantId: `late-${i}` })),
    }));
    const trajectories = new Map([
      ...early.map((_, i) => running(`p-GROUP-${i}`, '2026-02-01')),
      ...late.map((_, i) => running(`late-${i}`, '2025-01-15')),
    ]);
    const [row] = effectivenessReport(facts([...early, ...late], { trajectories }));
    expect(row).toMatchObject({ participants: 10, averageChange: 1 });
    expect(row.byTrajectoryMonth).toEqual([
      { months: '1-3', participants: 5, averageChange: 2, suppressed: false },
      { months: '4-6', participants: 0, averageChange: null, suppressed: true },
      { months: '7-12', participants: 0, averageChange: null, suppressed: true },
      { months: '13+', participants: 5, averageChange: 0, suppressed: false },
      { months: 'UNKNOWN', participants: 0, averageChange: null, suppressed: true },
    ]);
  });

  it('also hides a shown band when a lone small band could be worked out from the total', () => {
    const people = five([
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 2],
    ]);
    const trajectories = new Map(people.map((_, i) => running(`p-GROUP-${i}`, i < 5 ? '2026-02-01' : '2025-09-01')));
    const [row] = effectivenessReport(facts(people, { trajectories }));
    expect(row).toMatchObject({ participants: 6, suppressed: false });
    expect(row.byTrajectoryMonth.filter((band) => band.participants > 0)).toEqual([
      { months: '1-3', participants: 5, averageChange: null, suppressed: true },
      { months: '7-12', participants: 1, averageChange: null, suppressed: true },
    ]);
  });
});

describe('trajectory month', () => {
  it('is month 1 on the day the trajectory started', () => {
    expect(trajectoryMonth('2026-01-15', '2026-01-15')).toBe(1);
  });

  it('turns to month 2 on the same day a month later', () => {
    expect([trajectoryMonth('2026-01-15', '2026-02-14'), trajectoryMonth('2026-01-15', '2026-02-15')]).toEqual([1, 2]);
  });

  it('reaches month 13 a year after the start', () => {
    expect(trajectoryMonth('2025-01-15', '2026-01-15')).toBe(13);
  });
});
