import type { TrajectoryStatus } from '../organiser-rules';

export interface TrajectoryDetail {
  id: string;
  status: TrajectoryStatus;
  reReferral: boolean;
  referredOn: string;
  intakeOn: string | null;
  startedOn: string | null;
  plannedEndOn: string | null;
  suspensions: Array<{ from: string; until: string | null; reasonCode: string }>;
  endedOn: string | null;
  destination: string | null;
  positiveOutflow: boolean | null;
  dropOff?: { stage: string; reasonCode: string } | null;
}

/** `GET /participants/{id}` of the flow-through service. */
export interface ParticipantDetail {
  id: string;
  organisationId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  nationalRegisterNumberMasked: string | null;
  referralSource: string;
  referrerName: string | null;
  monthlyHoursTarget: number | null;
  exPwa: boolean;
  enrolledOn: string;
  trajectories: TrajectoryDetail[];
  anonymisedAt: string | null;
}

/** From the flow-through contract (`@stapsteen/contracts`). */
export const SUSPENSION_REASONS = ['ILLNESS', 'CARE', 'TRAINING', 'ADMINISTRATIVE', 'OTHER'] as const;
export const DESTINATIONS = [
  'NEC_JOB',
  'TEMPORARY_WORK_EXPERIENCE',
  'ART_60',
  'SOCIAL_ECONOMY',
  'TRAINING',
  'IBO',
  'INTERNSHIP',
  'JOBCOACH',
  'WORK_CARE_TRAJECTORY',
  'SPECIALISED_CARE',
  'FOD_ALLOWANCE',
  'DROP_OUT',
  'MOVED',
  'HEALTH',
  'SANCTION',
  'END_WITHOUT_NEXT_STEP',
  'UNKNOWN',
] as const;
export const DROP_OFF_REASONS = [
  'NOT_REACHED',
  'NOT_INTERESTED',
  'HEALTH',
  'FOUND_WORK',
  'OTHER_INSTRUMENT',
  'CHILDCARE_OR_FAMILY',
  'MOBILITY',
  'LANGUAGE',
  'MOVED',
  'NOT_ELIGIBLE',
  'OTHER',
] as const;

export const participantKey = (id: string) => ['participant', id];
