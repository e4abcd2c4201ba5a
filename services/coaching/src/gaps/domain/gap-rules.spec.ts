import { defaultCatalogue } from '../../competencies/domain/catalogue';
import { Assessment, createAssessment } from '../../assessments/domain/assessment';
import type { AssignmentSummary } from '../../assignments/domain/assignment';
import { GapFacts, GapPolicy, wantedGaps } from './gap-rules';
import { reconcileGaps } from './participant-gaps';

const participant = { participantId: 'p-1', organisationId: 'org-neteland', regionId: 'region-kempen' };
const assessed = (on: string, level: number, kind: Assessment['assessorKind'] = 'COACH', code = 'STIPTHEID') =>
  createAssessment(
    {
      id: `a-${on}-${kind}`,
      participant,
      assessorKind: kind,
      assessedOn: on,
      ratings: [{ competencyCode: code, level, note: null }],
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
  competencyCodes: ['STIPTHEID'],
  active: true,
  startedOn: '2026-03-10',
  endedOn: null,
  lastActivityOn: '2026-03-10',
  notStalledBefore: null,
  ...overrides,
});
const facts = (overrides: Partial<GapFacts> = {}): GapFacts => ({
  today: '2026-03-20',
  participant: { trajectories: [{ startedOn: '2026-03-01', endedOn: null }], lowHoursFlagged: false },
  assessments: [assessed('2026-03-05', 3)],
  assignments: [],
  ...overrides,
});
const flagged = { trajectories: [{ startedOn: '2026-03-01', endedOn: null }], lowHoursFlagged: true };
const reasons = (f: GapFacts, policy?: GapPolicy) =>
  wantedGaps(f, policy).map((g) => (g.competencyCode ? `${g.reasonCode}:${g.competencyCode}` : g.reasonCode));

describe('LOW_HOURS_NO_COACHING', () => {
  it('opens when hours flagged low and the participant has no active coaching', () => {
    expect(reasons(facts({ participant: flagged }))).toEqual(['LOW_HOURS_NO_COACHING']);
  });

  it('stays shut when any coaching is active', () => {
    expect(reasons(facts({ participant: flagged, assignments: [assignment({ modality: 'PEER' })] }))).toEqual([]);
  });

  it('opens again once the only coaching has ended', () => {
    expect(
      reasons(facts({ participant: flagged, assignments: [assignment({ active: false, endedOn: '2026-03-15' })] })),
    ).toEqual(['LOW_HOURS_NO_COACHING']);
  });
});

describe('NO_BASELINE', () => {
  it('opens six weeks after the trajectory started without a staff assessment', () => {
    expect(reasons(facts({ today: '2026-04-12', assessments: [] }))).toEqual(['NO_BASELINE']);
  });

  it('does not open a day before the six weeks are over', () => {
    expect(reasons(facts({ today: '2026-04-11', assessments: [] }))).toEqual([]);
  });

  it('does not count a self-assessment as the baseline', () => {
    expect(reasons(facts({ today: '2026-04-12', assessments: [assessed('2026-03-05', 4, 'SELF')] }))).toEqual([
      'NO_BASELINE',
    ]);
  });

  it('owes nothing to a participant whose trajectory has ended', () => {
    const ended = { trajectories: [{ startedOn: '2026-01-01', endedOn: '2026-03-01' }], lowHoursFlagged: true };
    expect(reasons(facts({ today: '2026-05-01', assessments: [], participant: ended }))).toEqual([]);
  });
});

describe('COMPETENCY_UNADDRESSED', () => {
  it('opens 30 days after a rating below target that no assignment addresses', () => {
    expect(reasons(facts({ today: '2026-04-04', assessments: [assessed('2026-03-05', 2)] }))).toEqual([
      'COMPETENCY_UNADDRESSED:STIPTHEID',
    ]);
  });

  it('waits for the 30 days to pass', () => {
    expect(reasons(facts({ today: '2026-04-03', assessments: [assessed('2026-03-05', 2)] }))).toEqual([]);
  });

  it('stays shut when an assignment on that competency was started after the assessment, even if it ended', () => {
    const ended = assignment({ active: false, startedOn: '2026-03-10', endedOn: '2026-03-30' });
    expect(
      reasons(facts({ today: '2026-04-10', assessments: [assessed('2026-03-05', 2)], assignments: [ended] })),
    ).toEqual([]);
  });

  it('opens when the only assignment works on another competency', () => {
    const other = assignment({ competencyCodes: ['DIGITAAL'], lastActivityOn: '2026-04-01' });
    expect(
      reasons(facts({ today: '2026-04-10', assessments: [assessed('2026-03-05', 2)], assignments: [other] })),
    ).toEqual(['COMPETENCY_UNADDRESSED:STIPTHEID']);
  });

  it('makes no noise before a baseline exists, however low a self-assessment is', () => {
    expect(reasons(facts({ today: '2026-04-10', assessments: [assessed('2026-03-05', 1, 'SELF')] }))).toEqual([]);
  });

  it('follows the latest staff rating, so a competency since rated at target needs nothing', () => {
    const history = [assessed('2026-02-01', 2), assessed('2026-03-05', 3)];
    expect(reasons(facts({ today: '2026-04-10', assessments: history }))).toEqual([]);
  });
});

describe('STALLED_ASSIGNMENT', () => {
  it('opens when an active assignment had no session for 30 days', () => {
    expect(
      reasons(facts({ today: '2026-04-09', assignments: [assignment({ lastActivityOn: '2026-03-10' })] })),
    ).toEqual(['STALLED_ASSIGNMENT']);
  });

  it('is not stalled on day 29', () => {
    expect(
      reasons(facts({ today: '2026-04-08', assignments: [assignment({ lastActivityOn: '2026-03-10' })] })),
    ).toEqual([]);
  });

  it('counts a group session from its own day, not from the enrolment', () => {
    const group = assignment({ modality: 'GROUP', lastActivityOn: '2026-03-01', notStalledBefore: '2026-04-01' });
    expect(reasons(facts({ today: '2026-04-20', assignments: [group] }))).toEqual([]);
  });
});

describe('an organisation’s own windows', () => {
  const short: GapPolicy = { baselineDueDays: 14, unaddressedDays: 10, stalledDays: 7 };
  const long: GapPolicy = { baselineDueDays: 90, unaddressedDays: 60, stalledDays: 45 };

  it('opens NO_BASELINE on the day a shorter baseline window ends, not the day before', () => {
    expect(reasons(facts({ today: '2026-03-14', assessments: [] }), short)).toEqual([]);
    expect(reasons(facts({ today: '2026-03-15', assessments: [] }), short)).toEqual(['NO_BASELINE']);
  });

  it('keeps NO_BASELINE shut past the six weeks when the organisation allows longer', () => {
    expect(reasons(facts({ today: '2026-04-12', assessments: [] }), long)).toEqual([]);
    expect(reasons(facts({ today: '2026-05-30', assessments: [] }), long)).toEqual(['NO_BASELINE']);
  });

  it('opens COMPETENCY_UNADDRESSED after the organisation’s window', () => {
    const low = [assessed('2026-03-05', 2)];
    expect(reasons(facts({ today: '2026-03-14', assessments: low }), short)).toEqual([]);
    expect(reasons(facts({ today: '2026-03-15', assessments: low }), short)).toEqual([
      'COMPETENCY_UNADDRESSED:STIPTHEID',
    ]);
    expect(reasons(facts({ today: '2026-04-10', assessments: low }), long)).toEqual([]);
  });

  it('calls an assignment stalled after the organisation’s window', () => {
    const quiet = [assignment({ lastActivityOn: '2026-03-10' })];
    expect(reasons(facts({ today: '2026-03-16', assignments: quiet }), short)).toEqual([]);
    expect(reasons(facts({ today: '2026-03-17', assignments: quiet }), short)).toEqual(['STALLED_ASSIGNMENT']);
    expect(reasons(facts({ today: '2026-04-20', assignments: quiet }), long)).toEqual([]);
  });
});

describe('opening and closing gaps', () => {
  const ids = () => {
    let n = 0;
    return () => `gap-${++n}`;
  };
  const scope = { organisationId: 'org-neteland', regionId: 'region-kempen', coachId: 'coach-1' };
  const want = [{ reasonCode: 'LOW_HOURS_NO_COACHING' as const, competencyCode: null }];

  it('opens a wanted gap once and publishes that it was detected', () => {
    const { next, facts: events } = reconcileGaps('p-1', null, want, scope, '2026-03-20', ids());
    expect(next.gaps).toEqual([
      expect.objectContaining({ reasonCode: 'LOW_HOURS_NO_COACHING', openedOn: '2026-03-20', closedOn: null }),
    ]);
    expect(events.map((e) => e.type)).toEqual(['coaching.gap-detected']);
  });

  it('never opens a second gap for the same reason while one is open', () => {
    const first = reconcileGaps('p-1', null, want, scope, '2026-03-20', ids()).next;
    const again = reconcileGaps('p-1', first, want, scope, '2026-03-21', ids());
    expect(again.next).toBe(first);
    expect(again.facts).toEqual([]);
  });

  it('closes a gap no longer wanted and publishes the reason it was opened with', () => {
    const first = reconcileGaps('p-1', null, want, scope, '2026-03-20', ids()).next;
    const { next, facts: events } = reconcileGaps('p-1', first, [], scope, '2026-03-25', ids());
    expect(next.openCount).toBe(0);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'coaching.gap-closed',
        data: expect.objectContaining({ reasonCode: 'LOW_HOURS_NO_COACHING', closedOn: '2026-03-25' }),
      }),
    ]);
  });

  it('keeps one open gap per competency', () => {
    const two = [
      { reasonCode: 'COMPETENCY_UNADDRESSED' as const, competencyCode: 'STIPTHEID' },
      { reasonCode: 'COMPETENCY_UNADDRESSED' as const, competencyCode: 'DIGITAAL' },
    ];
    expect(reconcileGaps('p-1', null, two, scope, '2026-03-20', ids()).next.openCount).toBe(2);
  });
});
