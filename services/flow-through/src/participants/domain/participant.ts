import { DomainError } from '@stapsteen/errors';
import { NationalRegisterNumber } from './national-register-number';
import { Trajectory, newTrajectory } from './trajectory';

export const REFERRAL_SOURCES = ['VDAB', 'OCMW', 'OTHER'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export interface ParticipantState {
  id: string;
  organisationId: string;
  regionId: string;
  firstName: string;
  lastName: string;
  /** Null once anonymised. */
  dateOfBirth: string | null;
  nationalRegisterNumber: string | null;
  referralSource: ReferralSource;
  referrerName: string | null;
  coachId: string | null;
  monthlyHoursTarget: number | null;
  exPwa: boolean;
  enrolledOn: string;
  enrolledBy: string;
  /** Every referral, oldest first; the last one is current. */
  trajectories: Trajectory[];
  /** When the personal data was erased (retention or a request); null while it is kept. */
  anonymisedAt: string | null;
}

export interface EnrolParticipant {
  id: string;
  organisationId: string;
  regionId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationalRegisterNumber?: string | null;
  referralSource: ReferralSource;
  referrerName?: string | null;
  coachId?: string | null;
  monthlyHoursTarget?: number | null;
  exPwa?: boolean;
  enrolledOn: string;
  enrolledBy: string;
  trajectoryId: string;
}

/** A fact the participant aggregate produced; the application layer turns it into an event. */
export interface ParticipantEnrolled {
  type: 'participant.enrolled';
  version: 1;
  participantId: string;
  data: {
    participantId: string;
    organisationId: string;
    regionId: string;
    displayName: string;
    referralSource: ReferralSource;
    coachId: string | null;
    monthlyHoursTarget: number | null;
    exPwa: boolean;
    enrolledOn: string;
  };
}

const MAX_MONTHLY_HOURS = 60;

/**
 * Other services only need to show who a row is about: the first name and the initial of the
 * last name ("Sofie V.") is enough there and keeps the full name inside flow-through.
 */
export function displayNameOf(firstName: string, lastName: string): string {
  // The first character as a reader sees it: a whole surrogate pair (𠮷) and its combining marks,
  // never half of one.
  const segments = new Intl.Segmenter('nl-BE', { granularity: 'grapheme' }).segment(lastName.trim());
  const first = [...segments][0]?.segment;
  const suffix = first ? ` ${first.toUpperCase()}.` : '';
  // The events' displayName holds at most 60 characters; a longer first name is shortened with "…".
  const room = DISPLAY_NAME_MAX_LENGTH - [...suffix].length;
  const name = [...firstName.trim()];
  return `${name.length > room ? `${name.slice(0, room - 1).join('')}…` : name.join('')}${suffix}`;
}

/** The longest displayName the participant events allow (libs/contracts, DisplayName). */
const DISPLAY_NAME_MAX_LENGTH = 60;

export function enrolParticipant(
  command: EnrolParticipant,
  today: string,
): { state: ParticipantState; events: [ParticipantEnrolled] } {
  const target = command.monthlyHoursTarget ?? null;
  if (target !== null && (target < 1 || target > MAX_MONTHLY_HOURS)) {
    throw new DomainError(
      'PARTICIPANT.TARGET_OUT_OF_RANGE',
      'validation',
      `A monthly target lies between 1 and ${MAX_MONTHLY_HOURS} hours.`,
      {
        maximum: MAX_MONTHLY_HOURS,
      },
    );
  }
  if (command.dateOfBirth >= today) {
    throw new DomainError('PARTICIPANT.DATE_OF_BIRTH_INVALID', 'validation', 'The date of birth lies in the future.');
  }
  if (command.enrolledOn > today) {
    throw new DomainError(
      'PARTICIPANT.ENROLMENT_IN_FUTURE',
      'validation',
      'A participant cannot be enrolled on a future date.',
    );
  }
  const nrn = command.nationalRegisterNumber ? NationalRegisterNumber.parse(command.nationalRegisterNumber) : null;
  const state: ParticipantState = {
    id: command.id,
    organisationId: command.organisationId,
    regionId: command.regionId,
    firstName: command.firstName.trim(),
    lastName: command.lastName.trim(),
    dateOfBirth: command.dateOfBirth,
    nationalRegisterNumber: nrn?.digits ?? null,
    referralSource: command.referralSource,
    referrerName: command.referrerName?.trim() || null,
    coachId: command.coachId ?? null,
    monthlyHoursTarget: target,
    exPwa: command.exPwa ?? false,
    enrolledOn: command.enrolledOn,
    enrolledBy: command.enrolledBy,
    // Enrolment is the referral: the first trajectory starts out as referred.
    trajectories: [newTrajectory(command.trajectoryId, command.enrolledOn, false)],
    anonymisedAt: null,
  };
  return {
    state,
    events: [
      {
        type: 'participant.enrolled',
        version: 1,
        participantId: state.id,
        data: {
          participantId: state.id,
          organisationId: state.organisationId,
          regionId: state.regionId,
          displayName: displayNameOf(state.firstName, state.lastName),
          referralSource: state.referralSource,
          coachId: state.coachId,
          monthlyHoursTarget: state.monthlyHoursTarget,
          exPwa: state.exPwa,
          enrolledOn: state.enrolledOn,
        },
      },
    ],
  };
}
