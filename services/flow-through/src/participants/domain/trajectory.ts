import type {
  Destination,
  DropOffReason,
  DropOffStage,
  FollowUpCheckpoint,
  ImmediateStatus,
  SuspensionReason,
} from '@stapsteen/contracts';
import { CalendarDate, addDays, addMonthsToDate } from '@stapsteen/calendar';
import { DomainError } from '@stapsteen/errors';
import type { FlowThroughPlan } from './plan-model';

export const TRAJECTORY_STATUSES = ['REFERRED', 'INTAKE', 'ACTIVE', 'SUSPENDED', 'ENDED'] as const;
export type TrajectoryStatus = (typeof TRAJECTORY_STATUSES)[number];

// The reasons and destinations are part of the event contract other services rely on.
export { DESTINATIONS, DROP_OFF_REASONS, SUSPENSION_REASONS } from '@stapsteen/contracts';
export type { Destination, DropOffReason, DropOffStage, SuspensionReason } from '@stapsteen/contracts';

/** One recorded follow-up result after exit; the last one recorded for a checkpoint counts. */
export interface FollowUpRecord {
  checkpoint: FollowUpCheckpoint;
  recordedOn: string;
  immediateStatus: ImmediateStatus | null;
  employed: boolean | null;
  recordedBy: string;
}

/** A referral that stopped before the trajectory started: from which stage and why. */
export interface DropOff {
  stage: DropOffStage;
  reasonCode: DropOffReason;
}

export interface Suspension {
  from: string;
  until: string | null;
  reasonCode: SuspensionReason;
}

export interface Trajectory {
  id: string;
  status: TrajectoryStatus;
  reReferral: boolean;
  referredOn: string;
  intakeOn: string | null;
  startedOn: string | null;
  plannedEndOn: string | null;
  suspensions: Suspension[];
  endedOn: string | null;
  destination: Destination | null;
  positiveOutflow: boolean | null;
  /** Set when the referral dropped off before the start; absent on documents written before. */
  dropOff?: DropOff | null;
  /** Follow-up results after exit (ESF+ / Flemish), in the order recorded. */
  followUps?: FollowUpRecord[];
  /** The flow-through plan (target, steps, referrals to partners); absent until one is made. */
  plan?: FlowThroughPlan | null;
  /** Six-monthly evaluations held, in the order recorded; absent on documents written before. */
  evaluations?: EvaluationRecord[];
}

export const EVALUATION_OUTCOMES = ['CONTINUE', 'ADJUST_PLAN', 'END'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export interface EvaluationRecord {
  heldOn: string;
  outcome: EvaluationOutcome;
  heldBy: string;
}

export interface TrajectoryPolicy {
  /** Maximum length of a trajectory; ex-PWA workers have none. */
  maxMonths: number;
  /** Which destinations count as positive outflow (JoTa's definition by default). */
  positiveDestinations: readonly Destination[];
}

/** JoTa: NEC, maatwerk, art. 60, AMA, jobcoach, FOD allowance, training, specialised care (docs/domain.md, "Outflow"). */
export const JOTA_POSITIVE_DESTINATIONS: readonly Destination[] = [
  'NEC_JOB',
  'SOCIAL_ECONOMY',
  'ART_60',
  'TEMPORARY_WORK_EXPERIENCE',
  'JOBCOACH',
  'FOD_ALLOWANCE',
  'TRAINING',
  'SPECIALISED_CARE',
];

export const DEFAULT_TRAJECTORY_POLICY: TrajectoryPolicy = {
  maxMonths: 12,
  positiveDestinations: JOTA_POSITIVE_DESTINATIONS,
};

export function newTrajectory(id: string, referredOn: string, reReferral: boolean): Trajectory {
  return {
    id,
    status: 'REFERRED',
    reReferral,
    referredOn,
    intakeOn: null,
    startedOn: null,
    plannedEndOn: null,
    suspensions: [],
    endedOn: null,
    destination: null,
    positiveOutflow: null,
  };
}

function refuse(code: string, message: string, facts: Record<string, unknown> = {}): never {
  throw new DomainError(code, 'rule-violation', message, facts);
}

function requireStatus(trajectory: Trajectory, allowed: TrajectoryStatus[], action: string): void {
  if (!allowed.includes(trajectory.status)) {
    refuse(
      'TRAJECTORY.INVALID_TRANSITION',
      `A trajectory that is ${trajectory.status.toLowerCase()} cannot ${action}.`,
      {
        currentStatus: trajectory.status,
        allowedFrom: allowed,
      },
    );
  }
}

function requireNotBefore(date: string, earliest: string | null, what: string): void {
  if (earliest && date < earliest)
    refuse('TRAJECTORY.DATE_BEFORE_PREVIOUS_STEP', `${what} cannot lie before ${earliest}.`, { earliest });
}

function requireNotFuture(date: string, today: string): void {
  if (date > today) refuse('TRAJECTORY.DATE_IN_FUTURE', 'This step cannot be dated in the future.', { today });
}

/** The day before the same date N months later: a trajectory started on 2 March ends on 1 March. */
export function addMonthsMinusOneDay(date: CalendarDate, months: number): CalendarDate {
  return addDays(addMonthsToDate(date, months), -1);
}

export function recordIntake(trajectory: Trajectory, on: string, today: string): Trajectory {
  requireStatus(trajectory, ['REFERRED'], 'have an intake');
  requireNotFuture(on, today);
  requireNotBefore(on, trajectory.referredOn, 'The intake');
  return { ...trajectory, status: 'INTAKE', intakeOn: on };
}

/** The wijk-werkovereenkomst is signed: hours may be registered from this day on. */
export function startTrajectory(
  trajectory: Trajectory,
  on: string,
  today: string,
  exPwa: boolean,
  policy: TrajectoryPolicy,
): Trajectory {
  requireStatus(trajectory, ['REFERRED', 'INTAKE'], 'start');
  requireNotFuture(on, today);
  requireNotBefore(on, trajectory.intakeOn ?? trajectory.referredOn, 'The start');
  return {
    ...trajectory,
    status: 'ACTIVE',
    startedOn: on,
    plannedEndOn: exPwa ? null : addMonthsMinusOneDay(on, policy.maxMonths),
  };
}

export function suspendTrajectory(
  trajectory: Trajectory,
  on: string,
  today: string,
  reasonCode: SuspensionReason,
): Trajectory {
  requireStatus(trajectory, ['ACTIVE'], 'be suspended');
  requireNotFuture(on, today);
  const lastResume = trajectory.suspensions.at(-1)?.until ?? null;
  requireNotBefore(on, lastResume ?? trajectory.startedOn, 'The suspension');
  return {
    ...trajectory,
    status: 'SUSPENDED',
    suspensions: [...trajectory.suspensions, { from: on, until: null, reasonCode }],
  };
}

export function resumeTrajectory(trajectory: Trajectory, on: string, today: string): Trajectory {
  requireStatus(trajectory, ['SUSPENDED'], 'resume');
  requireNotFuture(on, today);
  const open = trajectory.suspensions.at(-1)!;
  requireNotBefore(on, open.from, 'The resumption');
  return {
    ...trajectory,
    status: 'ACTIVE',
    suspensions: [...trajectory.suspensions.slice(0, -1), { ...open, until: on }],
  };
}

export function extendTrajectory(trajectory: Trajectory, plannedEndOn: string): Trajectory {
  requireStatus(trajectory, ['ACTIVE', 'SUSPENDED'], 'be extended');
  if (trajectory.plannedEndOn === null)
    refuse('TRAJECTORY.NO_END_TO_EXTEND', 'This trajectory has no planned end (ex-PWA).');
  if (plannedEndOn <= trajectory.plannedEndOn) {
    refuse('TRAJECTORY.EXTENSION_NOT_LATER', `An extension must end after ${trajectory.plannedEndOn}.`, {
      currentPlannedEndOn: trajectory.plannedEndOn,
    });
  }
  return { ...trajectory, plannedEndOn };
}

/** Every exit needs a destination: that is what the flow-through figures are made of. */
export function endTrajectory(
  trajectory: Trajectory,
  on: string,
  today: string,
  destination: Destination,
  policy: TrajectoryPolicy,
): Trajectory {
  requireStatus(trajectory, ['REFERRED', 'INTAKE', 'ACTIVE', 'SUSPENDED'], 'end');
  requireNotFuture(on, today);
  requireNotBefore(
    on,
    trajectory.suspensions.at(-1)?.from ?? trajectory.startedOn ?? trajectory.intakeOn ?? trajectory.referredOn,
    'The end',
  );
  const suspensions = trajectory.suspensions.map((s) => (s.until === null ? { ...s, until: on } : s));
  return {
    ...trajectory,
    status: 'ENDED',
    suspensions,
    endedOn: on,
    destination,
    positiveOutflow: policy.positiveDestinations.includes(destination),
  };
}

/**
 * The referral stops before the trajectory started (the funnel's drop-off). The trajectory closes
 * as ENDED with destination DROP_OUT, so a later re-referral is possible, and remembers the stage
 * and reason; it never started, so it is no exit for ESF+ and has no follow-up.
 */
export function dropOffReferral(
  trajectory: Trajectory,
  on: string,
  today: string,
  reasonCode: DropOffReason,
): Trajectory {
  requireStatus(trajectory, ['REFERRED', 'INTAKE'], 'drop off before the start');
  requireNotFuture(on, today);
  requireNotBefore(on, trajectory.intakeOn ?? trajectory.referredOn, 'The drop-off');
  const stage: DropOffStage = trajectory.status === 'INTAKE' ? 'INTAKE' : 'REFERRED';
  return {
    ...trajectory,
    status: 'ENDED',
    endedOn: on,
    destination: 'DROP_OUT',
    positiveOutflow: false,
    dropOff: { stage, reasonCode },
  };
}

/** Whether hours may be registered on a date: started, not ended, not suspended that day. */
export function isActiveOn(trajectory: Trajectory, date: string): boolean {
  if (!trajectory.startedOn || date < trajectory.startedOn) return false;
  if (trajectory.endedOn && date > trajectory.endedOn) return false;
  return !trajectory.suspensions.some((s) => date >= s.from && (s.until === null || date < s.until));
}
