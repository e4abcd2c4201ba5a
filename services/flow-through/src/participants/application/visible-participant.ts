import { Principal, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { ParticipantState } from '../domain/participant';
import type { ParticipantRepository } from './participant-repository';

/**
 * The participant as the caller may see it. Out of scope reads as absent (ADR 4), so a caller cannot
 * learn that another organisation's participant exists.
 */
export async function visibleParticipant(
  participants: ParticipantRepository,
  principal: Principal,
  participantId: string,
): Promise<ParticipantState> {
  const participant = await participants.findById(participantId);
  if (!participant || !canAccess(principal, participant)) {
    throw new DomainError('PARTICIPANT.NOT_FOUND', 'not-found', 'There is no such participant in your organisations.');
  }
  return participant;
}
