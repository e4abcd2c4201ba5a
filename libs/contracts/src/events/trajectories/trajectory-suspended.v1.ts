import { IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';

/** A coarse reason code only: why someone is ill or caring for whom stays out of every event. */
export const SUSPENSION_REASONS = ['ILLNESS', 'CARE', 'TRAINING', 'ADMINISTRATIVE', 'OTHER'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** From this day until the trajectory resumes, hours refuses prestations for the participant. */
export class TrajectorySuspendedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @CalendarDate() suspendedOn!: string;
  @IsIn(SUSPENSION_REASONS) reasonCode!: SuspensionReason;
}

export const trajectorySuspendedV1Fixture: TrajectorySuspendedV1 = {
  trajectoryId: EXAMPLE.trajectoryId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  suspendedOn: '2026-06-15',
  reasonCode: 'CARE',
};

export const TRAJECTORY_SUSPENDED_V1 = defineEvent({
  type: 'trajectory.suspended',
  version: 1,
  topic: TOPICS.trajectories,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: TrajectorySuspendedV1,
  fixture: trajectorySuspendedV1Fixture,
});
