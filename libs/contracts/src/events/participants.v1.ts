import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TOPICS } from '../topics';
import { defineEvent } from './definition';
import { CalendarDate, DisplayName, Id, Instant } from './fields';

export const REFERRAL_SOURCES = ['VDAB', 'OCMW', 'OTHER'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/**
 * A participant as other services need them: scope, a display name for their screens ("Sofie V."),
 * the coach and the hours target. Never the national register number, contact or birth date.
 */
export class ParticipantEnrolledV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @DisplayName() displayName!: string;
  @IsIn(REFERRAL_SOURCES) referralSource!: ReferralSource;
  @IsOptional() @Id() coachId!: string | null;
  @IsOptional() @IsInt() @Min(1) @Max(60) monthlyHoursTarget!: number | null;
  @IsBoolean() exPwa!: boolean;
  @CalendarDate() enrolledOn!: string;
}

export class ParticipantUpdatedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @DisplayName() displayName!: string;
  @IsOptional() @Id() coachId!: string | null;
  @IsOptional() @IsInt() @Min(1) @Max(60) monthlyHoursTarget!: number | null;
  @IsBoolean() exPwa!: boolean;
}

/** Every service drops what it holds about the participant when it sees this. */
export class ParticipantErasedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Instant() erasedAt!: string;
}

const participantId = '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c';

export const participantEvents = [
  defineEvent({
    type: 'participant.enrolled',
    version: 1,
    topic: TOPICS.participants,
    payload: ParticipantEnrolledV1,
    example: {
      participantId,
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      displayName: 'Sofie V.',
      referralSource: 'VDAB',
      coachId: 'coach-an',
      monthlyHoursTarget: 20,
      exPwa: false,
      enrolledOn: '2026-03-02',
    },
  }),
  defineEvent({
    type: 'participant.updated',
    version: 1,
    topic: TOPICS.participants,
    payload: ParticipantUpdatedV1,
    example: {
      participantId,
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      displayName: 'Sofie V.',
      coachId: 'coach-bram',
      monthlyHoursTarget: 25,
      exPwa: false,
    },
  }),
  defineEvent({
    type: 'participant.erased',
    version: 1,
    topic: TOPICS.participants,
    payload: ParticipantErasedV1,
    example: { participantId, organisationId: 'org-neteland', erasedAt: '2031-04-01T02:00:00.000Z' },
  }),
];
