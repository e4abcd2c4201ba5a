import { CalendarDate, addDays, daysBetween } from '@stapsteen/calendar';
import type { AlertSeverity } from '@stapsteen/contracts';
import { evaluationSchedule } from './evaluation';
import { exitedTrajectory, followUpCheckpoints, FollowUpPolicy } from './follow-up';
import type { ParticipantState } from './participant';
import { hasTargetDestination } from './plan';

export type DueAlertKind = 'TRAJECTORY_ENDING_NO_PLAN' | 'EVALUATION_DUE' | 'FOLLOW_UP_DUE';

export interface DueAlertPolicy {
  endingWithinDays: number;
  evaluationWithinDays: number;
  evaluationIntervalMonths: number;
  followUp: FollowUpPolicy;
}

export const DEFAULT_DUE_ALERT_POLICY: DueAlertPolicy = {
  endingWithinDays: 60,
  evaluationWithinDays: 14,
  evaluationIntervalMonths: 6,
  followUp: { immediateWindowDays: 28 },
};

/** Whether a time-based alert should be open for the participant today, and how urgent. */
export type DueAlertState =
  | { kind: DueAlertKind; open: true; severity: AlertSeverity; facts: Record<string, string | null> }
  | { kind: DueAlertKind; open: false };

/**
 * The three time-based rules. Each answers open or not, so the caller raises what is open and
 * clears what is not: a plan made, an evaluation held, a follow-up recorded or the trajectory
 * ended makes the alert resolve itself.
 */
export function dueAlerts(participant: ParticipantState, today: CalendarDate, policy: DueAlertPolicy): DueAlertState[] {
  const current = participant.trajectories.at(-1)!;
  const running = current.status === 'ACTIVE' || current.status === 'SUSPENDED';
  const erased = participant.anonymisedAt !== null;

  const ending = (): DueAlertState => {
    const end = current.plannedEndOn;
    if (erased || !running || end === null || hasTargetDestination(current)) {
      return { kind: 'TRAJECTORY_ENDING_NO_PLAN', open: false };
    }
    const left = daysBetween(today, end);
    return left <= policy.endingWithinDays
      ? {
          kind: 'TRAJECTORY_ENDING_NO_PLAN',
          open: true,
          severity: left < 0 ? 'HIGH' : 'MEDIUM',
          facts: { plannedEndOn: end },
        }
      : { kind: 'TRAJECTORY_ENDING_NO_PLAN', open: false };
  };

  const evaluation = (): DueAlertState => {
    if (erased || !running) return { kind: 'EVALUATION_DUE', open: false };
    const { nextDueOn, overdue } = evaluationSchedule(current, today, policy.evaluationIntervalMonths);
    if (nextDueOn === null || daysBetween(today, nextDueOn) > policy.evaluationWithinDays) {
      return { kind: 'EVALUATION_DUE', open: false };
    }
    return { kind: 'EVALUATION_DUE', open: true, severity: overdue ? 'HIGH' : 'MEDIUM', facts: { dueOn: nextDueOn } };
  };

  const followUp = (): DueAlertState => {
    const exited = erased ? null : exitedTrajectory(participant);
    if (!exited) return { kind: 'FOLLOW_UP_DUE', open: false };
    const open = followUpCheckpoints(exited, today, policy.followUp).filter((c) => c.open);
    if (open.length === 0) return { kind: 'FOLLOW_UP_DUE', open: false };
    const first = open[0];
    // Overdue: the immediate window after exit closed without a result.
    const closing = first.overdue;
    return {
      kind: 'FOLLOW_UP_DUE',
      open: true,
      severity: closing ? 'HIGH' : 'MEDIUM',
      facts: { checkpoint: first.checkpoint, dueOn: first.dueOn },
    };
  };

  return [ending(), evaluation(), followUp()];
}

/**
 * The next day on which one of the rules could answer differently without the participant
 * changing: what a small schedule needs so a timer only re-checks participants whose day came.
 * Checking daily from the earliest candidate is cheap and never misses a threshold.
 */
export function nextDueAlertCheckOn(
  participant: ParticipantState,
  today: CalendarDate,
  policy: DueAlertPolicy,
): CalendarDate | null {
  const current = participant.trajectories.at(-1)!;
  const candidates: CalendarDate[] = [];
  const running = current.status === 'ACTIVE' || current.status === 'SUSPENDED';
  if (participant.anonymisedAt !== null) return null;
  if (running && current.plannedEndOn && !hasTargetDestination(current)) {
    candidates.push(addDays(current.plannedEndOn, -policy.endingWithinDays), addDays(current.plannedEndOn, 1));
  }
  if (running) {
    const { nextDueOn } = evaluationSchedule(current, today, policy.evaluationIntervalMonths);
    if (nextDueOn) candidates.push(addDays(nextDueOn, -policy.evaluationWithinDays), addDays(nextDueOn, 1));
  }
  const exited = exitedTrajectory(participant);
  if (exited) {
    for (const c of followUpCheckpoints(exited, today, policy.followUp)) {
      if (c.result) continue;
      candidates.push(c.dueOn);
      if (c.windowEndsOn) candidates.push(addDays(c.windowEndsOn, 1));
    }
  }
  const future = candidates.filter((d) => d > today).sort();
  return future[0] ?? null;
}
