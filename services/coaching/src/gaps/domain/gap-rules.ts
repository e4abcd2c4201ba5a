import type { CoachingGapReason } from '@stapsteen/contracts';
import { Assessment, BASELINE_KINDS, latestRatings } from '../../assessments/domain/assessment';
import type { AssignmentSummary } from '../../assignments/domain/assignment';
import { CalendarDate, addDays, laterOf } from '@stapsteen/calendar';

/** The windows of the rules, in days; configuration with these defaults. */
export interface GapPolicy {
  baselineDueDays: number;
  unaddressedDays: number;
  stalledDays: number;
}

export const DEFAULT_GAP_POLICY: GapPolicy = { baselineDueDays: 42, unaddressedDays: 30, stalledDays: 30 };

/** Everything the rules look at for one participant, on one day. */
export interface GapFacts {
  today: CalendarDate;
  /** Null when the participant is unknown or erased: nothing is owed to them any more. */
  participant: {
    trajectories: Array<{ startedOn: CalendarDate | null; endedOn: CalendarDate | null }>;
    lowHoursFlagged: boolean;
  } | null;
  assessments: readonly Assessment[];
  assignments: readonly AssignmentSummary[];
}

export interface WantedGap {
  reasonCode: CoachingGapReason;
  competencyCode: string | null;
}

/** Low hours flagged and no active coaching of any modality. */
export function lowHoursNoCoaching(facts: GapFacts): WantedGap[] {
  const flagged = facts.participant?.lowHoursFlagged ?? false;
  return flagged && !facts.assignments.some((a) => a.active)
    ? [{ reasonCode: 'LOW_HOURS_NO_COACHING', competencyCode: null }]
    : [];
}

const hasBaseline = (facts: GapFacts) => facts.assessments.some((a) => BASELINE_KINDS.includes(a.assessorKind));

/** No baseline assessment by staff once the running trajectory is older than the window (6 weeks). */
export function noBaseline(facts: GapFacts, policy: GapPolicy): WantedGap[] {
  const trajectory = runningTrajectory(facts);
  if (!trajectory?.startedOn || hasBaseline(facts)) return [];
  return facts.today >= addDays(trajectory.startedOn, policy.baselineDueDays)
    ? [{ reasonCode: 'NO_BASELINE', competencyCode: null }]
    : [];
}

/**
 * A competency whose latest staff rating is below target, with no assignment addressing it (one
 * running now, or one started since that rating) once the window after the rating has passed. Only
 * after a baseline: before it there is nothing to compare with, and NO_BASELINE speaks instead.
 */
export function competencyUnaddressed(facts: GapFacts, policy: GapPolicy): WantedGap[] {
  if (!hasBaseline(facts)) return [];
  const wanted: WantedGap[] = [];
  for (const rating of latestRatings(facts.assessments).values()) {
    if (rating.level >= rating.targetLevel) continue;
    if (facts.today < addDays(rating.assessedOn, policy.unaddressedDays)) continue;
    const addressed = facts.assignments.some(
      (a) => a.competencyCodes.includes(rating.competencyCode) && (a.active || a.startedOn >= rating.assessedOn),
    );
    if (!addressed) wanted.push({ reasonCode: 'COMPETENCY_UNADDRESSED', competencyCode: rating.competencyCode });
  }
  return wanted.sort((a, b) => String(a.competencyCode).localeCompare(String(b.competencyCode)));
}

/** An active assignment without a session or attendance for the window (a group session counts from its day). */
export function stalledAssignment(facts: GapFacts, policy: GapPolicy): WantedGap[] {
  const stalled = facts.assignments.some((a) => {
    if (!a.active) return false;
    const since = laterOf(a.lastActivityOn, a.notStalledBefore) as string;
    return facts.today >= addDays(since, policy.stalledDays);
  });
  return stalled ? [{ reasonCode: 'STALLED_ASSIGNMENT', competencyCode: null }] : [];
}

function runningTrajectory(facts: GapFacts) {
  return facts.participant?.trajectories.filter((t) => t.startedOn !== null && t.endedOn === null).at(-1) ?? null;
}

/** All rules together; a participant without a running trajectory has no gaps. */
export function wantedGaps(facts: GapFacts, policy: GapPolicy = DEFAULT_GAP_POLICY): WantedGap[] {
  if (!facts.participant || !runningTrajectory(facts)) return [];
  return [
    ...lowHoursNoCoaching(facts),
    ...noBaseline(facts, policy),
    ...competencyUnaddressed(facts, policy),
    ...stalledAssignment(facts, policy),
  ];
}
