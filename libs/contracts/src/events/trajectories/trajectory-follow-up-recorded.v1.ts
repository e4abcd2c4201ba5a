import { IsBoolean, IsIn, ValidateIf } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';

/**
 * The ESF+ / Flemish follow-up checkpoints after exit: the immediate result (within the window after
 * exit, ESF+ EECR01-04), employed six months after exit (EECR05) and in paid work nine months after
 * exit (the Flemish indicator).
 */
export const FOLLOW_UP_CHECKPOINTS = ['IMMEDIATE', 'SIX_MONTHS', 'NINE_MONTHS'] as const;
export type FollowUpCheckpoint = (typeof FOLLOW_UP_CHECKPOINTS)[number];

/**
 * ESF+ immediate results, mutually exclusive: EECR01 job searching, EECR02 in education or training,
 * EECR03 gaining a qualification, EECR04 employed (incl. self-employed); NONE when none applies.
 */
export const IMMEDIATE_STATUSES = ['EECR01', 'EECR02', 'EECR03', 'EECR04', 'NONE'] as const;
export type ImmediateStatus = (typeof IMMEDIATE_STATUSES)[number];

export class TrajectoryFollowUpRecordedV1 {
  @Id() participantId!: string;
  @Id() trajectoryId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarDate() exitOn!: string;
  @IsIn(FOLLOW_UP_CHECKPOINTS) checkpoint!: FollowUpCheckpoint;
  @CalendarDate() recordedOn!: string;
  /** Only for IMMEDIATE; null for the later checkpoints. */
  @ValidateIf((o: TrajectoryFollowUpRecordedV1) => o.checkpoint === 'IMMEDIATE' || o.immediateStatus !== null)
  @IsIn(IMMEDIATE_STATUSES)
  immediateStatus!: ImmediateStatus | null;
  /** SIX_MONTHS = EECR05, NINE_MONTHS = in paid work nine months after exit; null for IMMEDIATE. */
  @ValidateIf((o: TrajectoryFollowUpRecordedV1) => o.checkpoint !== 'IMMEDIATE' || o.employed !== null)
  @IsBoolean()
  employed!: boolean | null;
}

export const trajectoryFollowUpRecordedV1Fixture: TrajectoryFollowUpRecordedV1 = {
  participantId: EXAMPLE.participantId,
  trajectoryId: EXAMPLE.trajectoryId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  exitOn: '2027-02-26',
  checkpoint: 'IMMEDIATE',
  recordedOn: '2027-03-10',
  immediateStatus: 'EECR04',
  employed: null,
};

export const TRAJECTORY_FOLLOW_UP_RECORDED_V1 = defineEvent({
  type: 'trajectory.follow-up-recorded',
  version: 1,
  topic: TOPICS.trajectories,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: TrajectoryFollowUpRecordedV1,
  fixture: trajectoryFollowUpRecordedV1Fixture,
});
