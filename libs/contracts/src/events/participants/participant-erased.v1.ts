import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { Id, Instant } from '../fields';

/**
 * Every consumer drops everything it holds about the participant when it sees this (the right to
 * erasure); it carries nothing but what is needed to find those records.
 */
export class ParticipantErasedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Instant() erasedAt!: string;
}

export const participantErasedV1Fixture: ParticipantErasedV1 = {
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  erasedAt: '2031-04-01T02:00:00.000Z',
};

export const PARTICIPANT_ERASED_V1 = defineEvent({
  type: 'participant.erased',
  version: 1,
  topic: TOPICS.participants,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: ParticipantErasedV1,
  fixture: participantErasedV1Fixture,
});
