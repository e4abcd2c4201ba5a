import { CalendarDate, addMonthsToDate } from '@stapsteen/calendar';
import { DomainError } from '@stapsteen/errors';
import type { ParticipantState } from './participant';
import type { EvaluationOutcome, EvaluationRecord, Trajectory } from './trajectory';

export { EVALUATION_OUTCOMES } from './trajectory';
export type { EvaluationOutcome, EvaluationRecord } from './trajectory';

export interface EvaluationSchedule {
  /** Due dates from the start every interval (month end when shorter), up to the end or the next one. */
  dueDates: CalendarDate[];
  held: EvaluationRecord[];
  /** The first due date not covered by a held evaluation; null once the trajectory ended or before it started. */
  nextDueOn: CalendarDate | null;
  overdue: boolean;
}

/**
 * Every `intervalMonths` from the start (computed from the start each time, so 31 August gives
 * 28 February and then 31 August again); the n-th evaluation held covers the n-th due date.
 */
export function evaluationSchedule(
  trajectory: Trajectory,
  today: CalendarDate,
  intervalMonths: number,
): EvaluationSchedule {
  const held = trajectory.evaluations ?? [];
  if (!trajectory.startedOn) return { dueDates: [], held, nextDueOn: null, overdue: false };
  const last = trajectory.endedOn ?? trajectory.plannedEndOn;
  const dueDates: CalendarDate[] = [];
  for (let k = 1; k <= 600; k++) {
    const due = addMonthsToDate(trajectory.startedOn, k * intervalMonths);
    if (last !== null && due > last) break;
    dueDates.push(due);
    // Without an end (ex-PWA) list up to the first date after today and after the ones held.
    if (last === null && due > today && dueDates.length > held.length) break;
  }
  const running = trajectory.status === 'ACTIVE' || trajectory.status === 'SUSPENDED';
  const nextDueOn = running ? (dueDates[held.length] ?? null) : null;
  return { dueDates, held, nextDueOn, overdue: nextDueOn !== null && nextDueOn < today };
}

export function recordEvaluation(
  participant: ParticipantState,
  input: { heldOn: CalendarDate; outcome: EvaluationOutcome },
  heldBy: string,
  today: CalendarDate,
): { state: ParticipantState; events: [] } {
  const trajectory = participant.trajectories.at(-1)!;
  if (trajectory.status !== 'ACTIVE' && trajectory.status !== 'SUSPENDED') {
    throw new DomainError('EVALUATION.NOT_ACTIVE', 'rule-violation', 'Evaluations are held while a trajectory runs.', {
      currentStatus: trajectory.status,
    });
  }
  if (input.heldOn > today) {
    throw new DomainError('EVALUATION.DATE_IN_FUTURE', 'rule-violation', 'An evaluation cannot be dated ahead.');
  }
  const previous = trajectory.evaluations?.at(-1)?.heldOn ?? trajectory.startedOn!;
  if (input.heldOn < previous) {
    throw new DomainError('EVALUATION.DATE_BEFORE_PREVIOUS', 'rule-violation', `It cannot lie before ${previous}.`, {
      earliest: previous,
    });
  }
  const next: Trajectory = {
    ...trajectory,
    evaluations: [...(trajectory.evaluations ?? []), { heldOn: input.heldOn, outcome: input.outcome, heldBy }],
  };
  return { state: { ...participant, trajectories: [...participant.trajectories.slice(0, -1), next] }, events: [] };
}
