import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';

/** The new planned end replaces the previous one. */
export class TrajectoryExtendedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @CalendarDate() plannedEndOn!: string;
}

export const trajectoryExtendedV1Fixture: TrajectoryExtendedV1 = {
  trajectoryId: EXAMPLE.trajectoryId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  plannedEndOn: '2027-04-05',
};

export const TRAJECTORY_EXTENDED_V1 = defineEvent({
  type: 'trajectory.extended',
  version: 1,
  topic: TOPICS.trajectories,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: TrajectoryExtendedV1,
  fixture: trajectoryExtendedV1Fixture,
});
