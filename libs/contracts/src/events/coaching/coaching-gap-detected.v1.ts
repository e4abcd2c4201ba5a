import { IsIn, IsOptional } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, CompetencyCode, Id } from '../fields';
import { COACHING_GAP_REASONS, CoachingGapReason } from './codes';

/** A participant who needs coaching and does not get it. */
export class CoachingGapDetectedV1 {
  @Id() gapId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @IsIn(COACHING_GAP_REASONS) reasonCode!: CoachingGapReason;
  @CalendarDate() openedOn!: string;
  /** The competency the gap is about, when it is about one (COMPETENCY_UNADDRESSED). */
  @IsOptional() @CompetencyCode() competencyCode?: string;
}

export const coachingGapDetectedV1Fixture: CoachingGapDetectedV1 = {
  gapId: EXAMPLE.gapId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  reasonCode: 'COMPETENCY_UNADDRESSED',
  openedOn: '2026-04-24',
  competencyCode: 'STIPTHEID',
};

export const COACHING_GAP_DETECTED_V1 = defineEvent({
  type: 'coaching.gap-detected',
  version: 1,
  topic: TOPICS.coaching,
  producer: 'coaching',
  keyField: 'participantId',
  payloadClass: CoachingGapDetectedV1,
  fixture: coachingGapDetectedV1Fixture,
});
