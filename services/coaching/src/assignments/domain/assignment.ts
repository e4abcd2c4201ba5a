import type { CoachingEndReason, CoachingModality } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';

/** What every modality tells the gap rules and the coach's overview about one participant's coaching. */
export interface AssignmentSummary {
  assignmentId: string;
  participantId: string;
  modality: CoachingModality;
  competencyCodes: string[];
  active: boolean;
  startedOn: string;
  endedOn: string | null;
  /** The last day something happened: the start, a session held, attendance recorded. */
  lastActivityOn: string;
  /** A group session planned for a later day is not stalled before that day. */
  notStalledBefore: string | null;
}

export interface ParticipantRef {
  participantId: string;
  organisationId: string;
  regionId: string;
}

export const END_REASONS: readonly CoachingEndReason[] = [
  'COMPLETED',
  'PARTICIPANT_LEFT',
  'NO_SHOW',
  'REPLACED',
  'OTHER',
];

export function assertCompetencies(codes: readonly string[]): void {
  if (codes.length === 0) {
    throw new DomainError(
      'COACHING.NO_COMPETENCIES',
      'validation',
      'Name at least one competency the coaching works on.',
    );
  }
  if (new Set(codes).size !== codes.length) {
    throw new DomainError('COACHING.COMPETENCY_REPEATED', 'validation', 'List each competency once.');
  }
}

export const assignedFact = (
  assignmentId: string,
  participant: Pick<ParticipantRef, 'participantId' | 'organisationId'>,
  modality: CoachingModality,
  competencyCodes: string[],
  startedOn: string,
) => ({
  type: 'coaching.assigned',
  version: 1,
  participantId: participant.participantId,
  data: {
    assignmentId,
    participantId: participant.participantId,
    organisationId: participant.organisationId,
    modality,
    competencyCodes: [...competencyCodes],
    startedOn,
  },
});

export const endedFact = (
  assignmentId: string,
  participant: Pick<ParticipantRef, 'participantId' | 'organisationId'>,
  modality: CoachingModality,
  endedOn: string,
  reasonCode: CoachingEndReason,
) => ({
  type: 'coaching.ended',
  version: 1,
  participantId: participant.participantId,
  data: {
    assignmentId,
    participantId: participant.participantId,
    organisationId: participant.organisationId,
    modality,
    endedOn,
    reasonCode,
  },
});
