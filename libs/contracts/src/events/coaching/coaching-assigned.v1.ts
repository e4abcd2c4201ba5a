import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, CompetencyCode, Distinct, Id } from '../fields';
import { COACHING_MODALITIES, CoachingModality, MAX_COMPETENCIES } from './codes';

export class CoachingAssignedV1 {
  @Id() assignmentId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @IsIn(COACHING_MODALITIES) modality!: CoachingModality;
  @IsArray() @ArrayMaxSize(MAX_COMPETENCIES) @Distinct() @CompetencyCode({ each: true }) competencyCodes!: string[];
  @CalendarDate() startedOn!: string;
}

export const coachingAssignedV1Fixture: CoachingAssignedV1 = {
  assignmentId: EXAMPLE.assignmentId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  modality: 'GROUP',
  competencyCodes: ['STIPTHEID', 'COMMUNICEREN'],
  startedOn: '2026-04-20',
};

export const COACHING_ASSIGNED_V1 = defineEvent({
  type: 'coaching.assigned',
  version: 1,
  topic: TOPICS.coaching,
  producer: 'coaching',
  keyField: 'participantId',
  payloadClass: CoachingAssignedV1,
  fixture: coachingAssignedV1Fixture,
});
