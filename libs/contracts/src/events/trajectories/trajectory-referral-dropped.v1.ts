import { IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';

/**
 * Why a referral stopped before the trajectory started: the referral funnel's drop-off reasons.
 * `HEALTH` is a category, not a health detail: the event never says what the condition is.
 */
export const DROP_OFF_REASONS = [
  'NOT_REACHED',
  'NOT_INTERESTED',
  'HEALTH',
  'FOUND_WORK',
  'OTHER_INSTRUMENT',
  'CHILDCARE_OR_FAMILY',
  'MOBILITY',
  'LANGUAGE',
  'MOVED',
  'NOT_ELIGIBLE',
  'OTHER',
] as const;
export type DropOffReason = (typeof DROP_OFF_REASONS)[number];

/** The stages a referral can drop off from: referred, or in intake. */
export const DROP_OFF_STAGES = ['REFERRED', 'INTAKE'] as const;
export type DropOffStage = (typeof DROP_OFF_STAGES)[number];

export class TrajectoryReferralDroppedV1 {
  @Id() participantId!: string;
  @Id() trajectoryId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarDate() referredOn!: string;
  @CalendarDate() droppedOn!: string;
  @IsIn(DROP_OFF_STAGES) stage!: DropOffStage;
  @IsIn(DROP_OFF_REASONS) reasonCode!: DropOffReason;
}

export const trajectoryReferralDroppedV1Fixture: TrajectoryReferralDroppedV1 = {
  participantId: EXAMPLE.participantId,
  trajectoryId: EXAMPLE.trajectoryId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  referredOn: '2026-09-01',
  droppedOn: '2026-09-22',
  stage: 'INTAKE',
  reasonCode: 'NOT_REACHED',
};

export const TRAJECTORY_REFERRAL_DROPPED_V1 = defineEvent({
  type: 'trajectory.referral-dropped',
  version: 1,
  topic: TOPICS.trajectories,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: TrajectoryReferralDroppedV1,
  fixture: trajectoryReferralDroppedV1Fixture,
});
