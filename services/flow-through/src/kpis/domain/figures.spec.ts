import { isActiveInMonth, isCoachedInMonth } from './definitions';
import {
  HoursMonthFigures,
  OrganisationFigures,
  ParticipantStretches,
  hoursMonthFigures,
  emptyOrganisationFigures,
  emptyRosterContribution,
  rosterContribution,
  withHoursMonth,
  withRosterContribution,
} from './figures';
import {
  coachingCoverage,
  cohortFigures,
  hoursDistribution,
  hoursTrend,
  outflowByDestination,
  referralFunnel,
  summaryFigures,
} from './figure-queries';
import { OrganisationMonth, emptyOrganisationMonth, recordParticipantMonth } from './organisation-month';
import { monthsOf } from './period';
import {
  OrganisationRoster,
  emptyRoster,
  recordCoachingStart,
  recordDropOff,
  recordEnd,
  recordNineMonthResult,
  recordReferral,
  recordStart,
} from './roster';

const period = { from: '2026-01', to: '2026-06' };

/** The compact figures the projector would store for a roster and its hours months. */
function figuresOf(r: OrganisationRoster, months: OrganisationMonth[] = []): OrganisationFigures {
  return {
    _id: r.organisationId,
    organisationId: r.organisationId,
    roster: rosterContribution(r),
    hours: Object.fromEntries(months.map((m) => [m.month, hoursMonthFigures(m)])),
  };
}

/** Five participants of one organisation, each with a story the figures must tell. */
function roster(): OrganisationRoster {
  let r = emptyRoster('org-1');
  // p1: referred, started in January, coached from February, positive exit in May, in work at nine months.
  r = recordReferral(r, 'p1', '2025-12-10', null);
  r = recordStart(r, 'p1', 't1', '2026-01-05', false);
  r = recordCoachingStart(r, 'p1', 'a1', '2026-02-01');
  r = recordEnd(r, 'p1', 't1', { endedOn: '2026-05-20', destination: 'NEC_JOB', positiveOutflow: true });
  r = recordNineMonthResult(r, 'p1', 't1', true);
  // p2: referred in January, started in March, ended in June to training (not positive here).
  r = recordReferral(r, 'p2', '2026-01-15', null);
  r = recordStart(r, 'p2', 't2', '2026-03-01', false);
  r = recordEnd(r, 'p2', 't2', { endedOn: '2026-06-30', destination: 'TRAINING', positiveOutflow: false });
  // p3: referred in February, dropped off during the intake.
  r = recordReferral(r, 'p3', '2026-02-01', null);
  r = recordDropOff(r, 'p3', 't3', {
    stage: 'INTAKE',
    reasonCode: 'MOBILITY',
    on: '2026-02-20',
    referredOn: '2026-02-01',
  });
  // p4: referred in February, not reached.
  r = recordReferral(r, 'p4', '2026-02-03', null);
  r = recordDropOff(r, 'p4', 't4', {
    stage: 'REFERRED',
    reasonCode: 'NOT_REACHED',
    on: '2026-03-01',
    referredOn: '2026-02-03',
  });
  // p5: referred in April, still waiting.
  r = recordReferral(r, 'p5', '2026-04-02', null);
  return r;
}

describe('KPI figures', () => {
  it('computes the headline figures by the definitions', () => {
    let march = emptyOrganisationMonth('org-1', 'region-1', '2026-03');
    march = recordParticipantMonth(march, 'p1', { countedHours: 30, targetHours: 20 });
    march = recordParticipantMonth(march, 'p2', { countedHours: 10, targetHours: 20 });
    const outside = recordParticipantMonth(emptyOrganisationMonth('org-1', 'region-1', '2025-12'), 'p1', {
      countedHours: 60,
      targetHours: 20,
    });
    expect(summaryFigures([figuresOf(roster(), [march, outside])], 3, period)).toEqual({
      referred: 4,
      // Of the period's referrals (p2–p5) only p2 started, as the funnel says; p1 started in the
      // period too, but was referred before it.
      started: 1,
      // Active in at least one month of the period: p1 (January–May) and p2 (March–June).
      active: 2,
      ended: 2,
      positiveOutflowRate: 0.5,
      inWorkNineMonthsRate: 1,
      averageCountedHours: 20,
      shareBelowTarget: 0.5,
      // Of the two active, p1 was coached in the period (February–May), p2 never.
      coachingCoverage: 1 / 2,
      openAlerts: 3,
    });
  });

  it('answers null rates, never NaN, when nothing is there to divide', () => {
    const figures = summaryFigures([figuresOf(emptyRoster('org-1'))], 0, period);
    expect(figures).toMatchObject({
      positiveOutflowRate: null,
      inWorkNineMonthsRate: null,
      averageCountedHours: null,
      shareBelowTarget: null,
      coachingCoverage: null,
    });
  });

  it('shows the referral funnel with the drop-off reasons before the start', () => {
    expect(referralFunnel([figuresOf(roster())], period)).toEqual({
      stages: [
        { stage: 'REFERRED', count: 4 },
        { stage: 'INTAKE', count: 2 },
        { stage: 'STARTED', count: 1 },
      ],
      dropOffs: [
        { stage: 'INTAKE', reasonCode: 'MOBILITY', count: 1 },
        { stage: 'REFERRED', reasonCode: 'NOT_REACHED', count: 1 },
      ],
    });
  });

  it('splits the exits by destination and whether they counted as positive', () => {
    expect(outflowByDestination([figuresOf(roster())], period)).toEqual([
      { destination: 'NEC_JOB', positive: true, count: 1 },
      { destination: 'TRAINING', positive: false, count: 1 },
    ]);
  });

  it('computes coaching coverage month by month', () => {
    const months = coachingCoverage([figuresOf(roster())], period);
    expect(months.map((m) => [m.month, m.activeParticipants, m.coached])).toEqual([
      ['2026-01', 1, 0],
      ['2026-02', 1, 1],
      ['2026-03', 2, 1],
      ['2026-04', 2, 1],
      ['2026-05', 2, 1],
      ['2026-06', 1, 0],
    ]);
    expect(months[2].coverage).toBe(0.5);
  });

  it('groups cohorts by start month with their flow-through rate', () => {
    expect(
      cohortFigures([figuresOf(roster())], period).map((c) => [c.startMonth, c.started, c.positive, c.flowThroughRate]),
    ).toEqual([
      ['2026-01', 1, 1, 1],
      ['2026-03', 1, 0, 0],
    ]);
  });

  it('adds the hours buckets over organisations and gives every month of the trend', () => {
    const a = recordParticipantMonth(emptyOrganisationMonth('org-1', 'r', '2026-02'), 'p1', {
      countedHours: 60,
      targetHours: 20,
    });
    const b = recordParticipantMonth(emptyOrganisationMonth('org-2', 'r', '2026-02'), 'p9', {
      countedHours: 12,
      targetHours: 20,
    });
    const buckets = Object.fromEntries(
      hoursDistribution([figuresOf(emptyRoster('org-1'), [a]), figuresOf(emptyRoster('org-2'), [b])], period).map(
        (x) => [x.bucket, x.participantMonths],
      ),
    );
    expect(buckets).toMatchObject({ '60': 1, '10-19': 1, '0': 0 });
    const trend = hoursTrend([figuresOf(emptyRoster('org-1'), [a]), figuresOf(emptyRoster('org-2'), [b])], period);
    expect(trend).toHaveLength(6);
    expect(trend[1]).toEqual({
      month: '2026-02',
      participantMonths: 2,
      averageCountedHours: 36,
      shareBelowTarget: 0.5,
    });
    expect(trend[0]).toEqual({
      month: '2026-01',
      participantMonths: 0,
      averageCountedHours: null,
      shareBelowTarget: null,
    });
  });

  it('counts active and coached months from the stored deltas exactly as the definitions do', () => {
    let r = emptyRoster('org-1');
    // A re-referral after a gap, a running trajectory, overlapping and open coaching periods.
    r = recordStart(r, 'p1', 't1', '2025-11-10', false);
    r = recordEnd(r, 'p1', 't1', { endedOn: '2026-02-03', destination: 'DROP_OUT', positiveOutflow: false });
    r = recordStart(r, 'p1', 't2', '2026-04-01', true);
    r = recordCoachingStart(r, 'p1', 'a1', '2025-12-01');
    r = recordCoachingStart(r, 'p1', 'a2', '2026-01-15');
    r = recordStart(r, 'p2', 't3', '2026-02-28', false);
    r = recordCoachingStart(r, 'p2', 'a3', '2025-01-01');
    r = recordCoachingStart(r, 'p3', 'a4', '2026-03-01');
    const wide = { from: '2025-10', to: '2026-09' };
    const expected = monthsOf(wide).map((month) => {
      const people = Object.values(r.participants).filter((p) => isActiveInMonth(p, month));
      return [month, people.length, people.filter((p) => isCoachedInMonth(p.coaching, month)).length];
    });
    expect(coachingCoverage([figuresOf(r)], wide).map((m) => [m.month, m.activeParticipants, m.coached])).toEqual(
      expected,
    );
  });

  it('keeps participants with the same stretches as one entry that counts each of them', () => {
    let r = emptyRoster('org-1');
    for (const p of ['s1', 's2', 's3']) {
      r = recordStart(r, p, `t-${p}`, '2026-02-03', false);
      r = recordCoachingStart(r, p, `a-${p}`, '2026-03-01');
    }
    r = recordStart(r, 'd1', 't-d1', '2026-02-10', false);
    r = recordEnd(r, 'd1', 't-d1', { endedOn: '2026-04-30', destination: 'TRAINING', positiveOutflow: false });
    const figures = figuresOf(r);
    expect(figures.roster.participants).toEqual([
      { active: [{ from: '2026-02', to: null }], coached: [{ from: '2026-03', to: null }], count: 3 },
      { active: [{ from: '2026-02', to: '2026-04' }], coached: [], count: 1 },
    ]);
    expect(summaryFigures([figures], 0, period)).toMatchObject({ active: 4, coachingCoverage: 3 / 4 });
    expect(coachingCoverage([figures], { from: '2026-02', to: '2026-05' }).map((m) => m.activeParticipants)).toEqual([
      4, 4, 4, 3,
    ]);
    // A document written before the grouping (one entry per participant, no count) counts the same.
    const running: ParticipantStretches = {
      active: [{ from: '2026-02', to: null }],
      coached: [{ from: '2026-03', to: null }],
    };
    const ended: ParticipantStretches = { active: [{ from: '2026-02', to: '2026-04' }], coached: [] };
    const earlier = { ...figures, roster: { ...figures.roster, participants: [running, running, running, ended] } };
    expect(summaryFigures([earlier], 0, period)).toEqual(summaryFigures([figures], 0, period));
  });
});

describe('figures derived from versioned documents', () => {
  const contribution = (referred: number) => ({ ...emptyRosterContribution(), referred: { '2026-03': referred } });
  const month = (participantMonths: number) => ({
    participantMonths,
    countedHoursSum: participantMonths * 10,
    belowTarget: 0,
    buckets: {} as HoursMonthFigures['buckets'],
  });

  it('takes a newer roster version and ignores an older one that finishes late', () => {
    const v3 = withRosterContribution(emptyOrganisationFigures('org-a'), () => contribution(3), 3);
    expect(v3.roster.referred).toEqual({ '2026-03': 3 });
    expect(withRosterContribution(v3, () => contribution(2), 2)).toBe(v3);
    expect(withRosterContribution(v3, () => contribution(4), 4).roster.referred).toEqual({ '2026-03': 4 });
  });

  it('keeps each month by its own version', () => {
    const march = withHoursMonth(emptyOrganisationFigures('org-a'), '2026-03', () => month(5), 2);
    const april = withHoursMonth(march, '2026-04', () => month(1), 1);
    expect(withHoursMonth(april, '2026-03', () => month(4), 1)).toBe(april);
    expect(april.hours['2026-03'].participantMonths).toBe(5);
    expect(april.derivedFrom).toEqual({ hours: { '2026-03': 2, '2026-04': 1 } });
  });
});
