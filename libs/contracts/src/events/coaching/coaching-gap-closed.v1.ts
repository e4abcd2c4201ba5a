import { IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, Id } from '../fields';
import { COACHING_GAP_REASONS, CoachingGapReason } from './codes';

export class CoachingGapClosedV1 {
  @Id() gapId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  /** The reason the gap was opened with, so a consumer need not have seen the detection. */
  @IsIn(COACHING_GAP_REASONS) reasonCode!: CoachingGapReason;
  @CalendarDate() closedOn!: string;
}

export const coachingGapClosedV1Fixture: CoachingGapClosedV1 = {
  gapId: EXAMPLE.gapId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  reasonCode: 'COMPETENCY_UNADDRESSED',
  closedOn: '2026-05-04',
};

export const COACHING_GAP_CLOSED_V1 = defineEvent({
  type: 'coaching.gap-closed',
  version: 1,
  topic: TOPICS.coaching,
  producer: 'coaching',
  keyField: 'participantId',
  payloadClass: CoachingGapClosedV1,
  fixture: coachingGapClosedV1Fixture,
});
