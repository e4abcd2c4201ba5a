import { IsBoolean, IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';

/**
 * Where a participant went next: the outflow taxonomy of docs/domain.md, "Outflow".
 * `HEALTH` is an exit category, not a health detail: the event never says what the condition is.
 */
export const DESTINATIONS = [
  'NEC_JOB',
  'TEMPORARY_WORK_EXPERIENCE',
  'ART_60',
  'SOCIAL_ECONOMY',
  'TRAINING',
  'IBO',
  'INTERNSHIP',
  'JOBCOACH',
  'WORK_CARE_TRAJECTORY',
  'SPECIALISED_CARE',
  'FOD_ALLOWANCE',
  'DROP_OUT',
  'MOVED',
  'HEALTH',
  'SANCTION',
  'END_WITHOUT_NEXT_STEP',
  'UNKNOWN',
] as const;
export type Destination = (typeof DESTINATIONS)[number];

export class TrajectoryEndedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarDate() endedOn!: string;
  @IsIn(DESTINATIONS) destination!: Destination;
  /**
   * Decided by flow-through when the trajectory ends, because which destinations count as positive
   * is configuration there; consumers take it as given rather than derive it from the destination.
   */
  @IsBoolean() positiveOutflow!: boolean;
}

export const trajectoryEndedV1Fixture: TrajectoryEndedV1 = {
  trajectoryId: EXAMPLE.trajectoryId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  endedOn: '2027-02-26',
  destination: 'SOCIAL_ECONOMY',
  positiveOutflow: true,
};

export const TRAJECTORY_ENDED_V1 = defineEvent({
  type: 'trajectory.ended',
  version: 1,
  topic: TOPICS.trajectories,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: TrajectoryEndedV1,
  fixture: trajectoryEndedV1Fixture,
});
