import { IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';
import { COACHING_MODALITIES, CoachingModality } from './codes';

/** A code, never the coach's explanation: "what works when" is learned from codes and dates. */
export const COACHING_END_REASONS = ['COMPLETED', 'PARTICIPANT_LEFT', 'NO_SHOW', 'REPLACED', 'OTHER'] as const;
export type CoachingEndReason = (typeof COACHING_END_REASONS)[number];

export class CoachingEndedV1 {
  @Id() assignmentId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @IsIn(COACHING_MODALITIES) modality!: CoachingModality;
  @CalendarDate() endedOn!: string;
  @IsIn(COACHING_END_REASONS) reasonCode!: CoachingEndReason;
}

export const coachingEndedV1Fixture: CoachingEndedV1 = {
  assignmentId: EXAMPLE.assignmentId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  modality: 'GROUP',
  endedOn: '2026-06-30',
  reasonCode: 'COMPLETED',
};

export const COACHING_ENDED_V1 = defineEvent({
  type: 'coaching.ended',
  version: 1,
  topic: TOPICS.coaching,
  producer: 'coaching',
  keyField: 'participantId',
  payloadClass: CoachingEndedV1,
  fixture: coachingEndedV1Fixture,
});
