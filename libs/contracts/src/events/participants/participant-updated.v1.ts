import { IsBoolean } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { DisplayName, Hours, Id, Nullable } from '../fields';

/** The participant's current state as a whole, so a consumer can overwrite rather than merge. */
export class ParticipantUpdatedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @DisplayName() displayName!: string;
  @Nullable() @Id() coachId!: string | null;
  @Nullable() @Hours(1, 60) monthlyHoursTarget!: number | null;
  @IsBoolean() exPwa!: boolean;
}

export const participantUpdatedV1Fixture: ParticipantUpdatedV1 = {
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  displayName: 'Sofie V.',
  coachId: EXAMPLE.otherCoachId,
  monthlyHoursTarget: 25,
  exPwa: false,
};

export const PARTICIPANT_UPDATED_V1 = defineEvent({
  type: 'participant.updated',
  version: 1,
  topic: TOPICS.participants,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: ParticipantUpdatedV1,
  fixture: participantUpdatedV1Fixture,
});
