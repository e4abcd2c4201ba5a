import { firstDayOf, lastDayOf } from '@stapsteen/calendar';
import type { CoachingPeriod, RosterParticipant, TrajectoryFacts } from './roster';

/**
 * The definitions behind the published figures, in one place so every endpoint and export counts
 * the same way. Dates are Belgian calendar dates (YYYY-MM-DD); months are YYYY-MM.
 */

/** Whether a span [start, end] (end null = still running) overlaps the calendar month. */
export function overlapsMonth(start: string | null, end: string | null, month: string): boolean {
  if (!start) return false;
  return start <= lastDayOf(month) && (end === null || end >= firstDayOf(month));
}

/**
 * Active in a month: a started trajectory that had begun by the month's last day and had not
 * ended before its first day. A suspended trajectory still counts (the participant is in the
 * programme and may resume); a referral that never started never counts.
 */
export function isTrajectoryActiveInMonth(trajectory: TrajectoryFacts, month: string): boolean {
  return overlapsMonth(trajectory.startedOn, trajectory.endedOn, month);
}

export function isActiveInMonth(participant: RosterParticipant, month: string): boolean {
  return Object.values(participant.trajectories).some((t) => isTrajectoryActiveInMonth(t, month));
}

/**
 * Coached in a month: at least one coaching assignment (group, one-to-one or peer) ran on some day
 * of the month. Over a span of months (a period, or one month on the chart) a participant is active
 * when active in at least one of its months, and coached when coached in at least one month they
 * were active in; coaching coverage is coached over active (`activeAndCoached` in figures.ts).
 */
export function isCoachedInMonth(coaching: Record<string, CoachingPeriod>, month: string): boolean {
  return Object.values(coaching).some((period) => overlapsMonth(period.startedOn, period.endedOn, month));
}

/**
 * An ended trajectory (a real exit after a start; drop-offs before the start are the funnel's,
 * not outflow). Positive outflow is what flow-through decided when the trajectory ended (the
 * configured positive destinations, JoTa's by default), taken from the event as given.
 */
export function isExit(trajectory: TrajectoryFacts): trajectory is TrajectoryFacts & { endedOn: string } {
  return trajectory.endedOn !== null && trajectory.dropOff === null && trajectory.startedOn !== null;
}

/**
 * In work nine months after exit: the nine-month follow-up recorded the participant as employed.
 * The rate divides by exits whose nine-month result is known, so exits still waiting for their
 * checkpoint neither raise nor lower it.
 */
export function nineMonthResultKnown(trajectory: TrajectoryFacts): boolean {
  return isExit(trajectory) && trajectory.inWorkNineMonths !== null;
}

/**
 * The funnel stage a referral reached: STARTED once any trajectory started, INTAKE when it dropped
 * off during the intake, REFERRED otherwise. There is no intake event, so a referral waiting in
 * intake without dropping off yet is still counted as REFERRED only.
 */
export type FunnelStage = 'REFERRED' | 'INTAKE' | 'STARTED';
export const FUNNEL_STAGES: readonly FunnelStage[] = ['REFERRED', 'INTAKE', 'STARTED'];

export function furthestStage(participant: RosterParticipant): FunnelStage {
  const trajectories = Object.values(participant.trajectories);
  if (trajectories.some((t) => t.startedOn !== null)) return 'STARTED';
  if (trajectories.some((t) => t.dropOff?.stage === 'INTAKE')) return 'INTAKE';
  return 'REFERRED';
}
