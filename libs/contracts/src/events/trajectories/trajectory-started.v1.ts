import { IsBoolean } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id, Nullable } from '../fields';

/** From this day hours may register prestations for the participant. */
export class TrajectoryStartedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarDate() startedOn!: string;
  /** Null for ex-PWA workers, who have no 12-month limit. */
  @Nullable() @CalendarDate() plannedEndOn!: string | null;
  /** A second trajectory after an earlier one ended, which flow-through reports on separately. */
  @IsBoolean() reReferral!: boolean;
}

export const trajectoryStartedV1Fixture: TrajectoryStartedV1 = {
  trajectoryId: EXAMPLE.trajectoryId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  startedOn: '2026-03-02',
  plannedEndOn: '2027-03-01',
  reReferral: false,
};

export const TRAJECTORY_STARTED_V1 = defineEvent({
  type: 'trajectory.started',
  version: 1,
  topic: TOPICS.trajectories,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: TrajectoryStartedV1,
  fixture: trajectoryStartedV1Fixture,
});
