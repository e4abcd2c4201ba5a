import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';

export class TrajectoryResumedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @CalendarDate() resumedOn!: string;
}

export const trajectoryResumedV1Fixture: TrajectoryResumedV1 = {
  trajectoryId: EXAMPLE.trajectoryId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  resumedOn: '2026-07-06',
};

export const TRAJECTORY_RESUMED_V1 = defineEvent({
  type: 'trajectory.resumed',
  version: 1,
  topic: TOPICS.trajectories,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: TrajectoryResumedV1,
  fixture: trajectoryResumedV1Fixture,
});
