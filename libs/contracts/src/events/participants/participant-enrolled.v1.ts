import { IsBoolean, IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarDate, DisplayName, Hours, Id, Nullable } from '../fields';

export const REFERRAL_SOURCES = ['VDAB', 'OCMW', 'OTHER'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/**
 * A participant as the other services need them: scope, a display name for their screens, the
 * coach and the hours target. Never the national register number, birth date or contact details:
 * those stay in flow-through.
 */
export class ParticipantEnrolledV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @DisplayName() displayName!: string;
  @IsIn(REFERRAL_SOURCES) referralSource!: ReferralSource;
  /** Null until a coach is assigned. */
  @Nullable() @Id() coachId!: string | null;
  /** Null: the organisation's default target applies. */
  @Nullable() @Hours(1, 60) monthlyHoursTarget!: number | null;
  /** Ex-PWA workers (contract on 30/9/2017) have no 12-month trajectory limit. */
  @IsBoolean() exPwa!: boolean;
  @CalendarDate() enrolledOn!: string;
}

export const participantEnrolledV1Fixture: ParticipantEnrolledV1 = {
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  displayName: 'Sofie V.',
  referralSource: 'VDAB',
  coachId: EXAMPLE.coachId,
  monthlyHoursTarget: 20,
  exPwa: false,
  enrolledOn: '2026-03-02',
};

export const PARTICIPANT_ENROLLED_V1 = defineEvent({
  type: 'participant.enrolled',
  version: 1,
  topic: TOPICS.participants,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: ParticipantEnrolledV1,
  fixture: participantEnrolledV1Fixture,
});
