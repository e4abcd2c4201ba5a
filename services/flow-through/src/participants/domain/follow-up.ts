import type { FollowUpCheckpoint, ImmediateStatus } from '@stapsteen/contracts';
import { CalendarDate, addDays, addMonthsToDate } from '@stapsteen/calendar';
import { DomainError } from '@stapsteen/errors';
import type { ParticipantState } from './participant';
import type { FollowUpRecord, Trajectory } from './trajectory';
import type { TrajectoryFact } from './trajectory-commands';

export { FOLLOW_UP_CHECKPOINTS, IMMEDIATE_STATUSES } from '@stapsteen/contracts';
export type { FollowUpCheckpoint, ImmediateStatus } from '@stapsteen/contracts';
export type { FollowUpRecord } from './trajectory';

export interface FollowUpPolicy {
  /** ESF+: the immediate result is what holds within this many days after exit (default 28). */
  immediateWindowDays: number;
}

export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = { immediateWindowDays: 28 };

export type FollowUpInput =
  | { checkpoint: 'IMMEDIATE'; recordedOn: CalendarDate; immediateStatus: ImmediateStatus }
  | { checkpoint: 'SIX_MONTHS' | 'NINE_MONTHS'; recordedOn: CalendarDate; employed: boolean };

/** A checkpoint after exit: from when it can be recorded, until when (IMMEDIATE only), and its result. */
export interface FollowUpCheckpointView {
  checkpoint: FollowUpCheckpoint;
  dueOn: CalendarDate;
  windowEndsOn: CalendarDate | null;
  result: FollowUpRecord | null;
  /** Due (today within or past its due date) and nothing recorded yet. */
  open: boolean;
  /** Past the window (IMMEDIATE) without a result. */
  overdue: boolean;
}

function refuse(code: string, message: string, facts: Record<string, unknown> = {}): never {
  throw new DomainError(code, 'rule-violation', message, facts);
}

/** The trajectory whose exit is followed up: the last one, if it started and has ended. */
export function exitedTrajectory(participant: ParticipantState): Trajectory | null {
  const last = participant.trajectories.at(-1);
  return last && last.status === 'ENDED' && last.startedOn && last.endedOn ? last : null;
}

/** The last result recorded for a checkpoint: later day wins; on the same day the later record. */
export function countingResult(records: readonly FollowUpRecord[], checkpoint: FollowUpCheckpoint) {
  const forCheckpoint = records
    .map((record, index) => ({ record, index }))
    .filter(({ record }) => record.checkpoint === checkpoint)
    .sort((a, b) => a.record.recordedOn.localeCompare(b.record.recordedOn) || a.index - b.index);
  return forCheckpoint.at(-1)?.record ?? null;
}

export function followUpCheckpoints(
  trajectory: Trajectory,
  today: CalendarDate,
  policy: FollowUpPolicy,
): FollowUpCheckpointView[] {
  const exitOn = trajectory.endedOn!;
  const records = trajectory.followUps ?? [];
  const windowEndsOn = addDays(exitOn, policy.immediateWindowDays);
  const view = (
    checkpoint: FollowUpCheckpoint,
    dueOn: CalendarDate,
    end: CalendarDate | null,
  ): FollowUpCheckpointView => {
    const result = countingResult(records, checkpoint);
    const due = today >= dueOn;
    return {
      checkpoint,
      dueOn,
      windowEndsOn: end,
      result,
      open: due && result === null,
      overdue: result === null && end !== null && today > end,
    };
  };
  return [
    view('IMMEDIATE', exitOn, windowEndsOn),
    view('SIX_MONTHS', addMonthsToDate(exitOn, 6), null),
    view('NINE_MONTHS', addMonthsToDate(exitOn, 9), null),
  ];
}

/**
 * Records a follow-up result after exit, by the ESF+ rules: the immediate status (EECR01-04 or
 * NONE, one at a time so job searching and employed exclude each other) only within the window
 * after exit, the last one recorded counting; employment at six (EECR05) and nine months (the
 * Flemish indicator) from the day it comes due.
 */
export function recordFollowUp(
  participant: ParticipantState,
  input: FollowUpInput,
  recordedBy: string,
  today: CalendarDate,
  policy: FollowUpPolicy,
): { state: ParticipantState; events: TrajectoryFact[] } {
  const trajectory = exitedTrajectory(participant);
  if (!trajectory) {
    refuse('FOLLOW_UP.NO_EXIT', 'Follow-up is recorded after a started trajectory has ended.', {
      currentStatus: participant.trajectories.at(-1)?.status ?? null,
    });
  }
  const exitOn = trajectory.endedOn!;
  if (input.recordedOn > today)
    refuse('FOLLOW_UP.DATE_IN_FUTURE', 'A follow-up cannot be dated in the future.', { today });
  if (input.recordedOn < exitOn)
    refuse('FOLLOW_UP.BEFORE_EXIT', `A follow-up cannot lie before the exit on ${exitOn}.`, { exitOn });
  if (input.checkpoint === 'IMMEDIATE') {
    const windowEndsOn = addDays(exitOn, policy.immediateWindowDays);
    if (input.recordedOn > windowEndsOn) {
      refuse('FOLLOW_UP.OUTSIDE_WINDOW', `The immediate result counts only until ${windowEndsOn}.`, {
        windowEndsOn,
      });
    }
  } else {
    const dueOn = addMonthsToDate(exitOn, input.checkpoint === 'SIX_MONTHS' ? 6 : 9);
    if (input.recordedOn < dueOn) refuse('FOLLOW_UP.NOT_DUE_YET', `This follow-up comes due on ${dueOn}.`, { dueOn });
  }
  const record: FollowUpRecord = {
    checkpoint: input.checkpoint,
    recordedOn: input.recordedOn,
    immediateStatus: input.checkpoint === 'IMMEDIATE' ? input.immediateStatus : null,
    employed: input.checkpoint === 'IMMEDIATE' ? null : input.employed,
    recordedBy,
  };
  const next: Trajectory = { ...trajectory, followUps: [...(trajectory.followUps ?? []), record] };
  return {
    state: { ...participant, trajectories: [...participant.trajectories.slice(0, -1), next] },
    events: [
      {
        type: 'trajectory.follow-up-recorded',
        version: 1,
        participantId: participant.id,
        data: {
          participantId: participant.id,
          trajectoryId: trajectory.id,
          organisationId: participant.organisationId,
          regionId: participant.regionId,
          exitOn,
          checkpoint: record.checkpoint,
          recordedOn: record.recordedOn,
          immediateStatus: record.immediateStatus,
          employed: record.employed,
        },
      },
    ],
  };
}
