import type { CoachingEndReason } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { laterOf } from '@stapsteen/calendar';
import { AssignmentSummary, ParticipantRef, assertCompetencies, assignedFact, endedFact } from './assignment';

export interface PeerPair {
  id: string;
  coacheeId: string;
  competencyCodes: string[];
  status: 'ACTIVE' | 'ENDED';
  startedOn: string;
  endedOn: string | null;
  endReason: CoachingEndReason | null;
  lastSessionOn: string | null;
  sessionsHeld: number;
}

/**
 * A peer coach with all their pairs: one document, so "at most N active coachees" is an invariant
 * of one aggregate, kept under the lock and the version condition like group capacity.
 */
export interface PeerCoach {
  peerCoachId: string;
  organisationId: string;
  regionId: string;
  pairs: PeerPair[];
}

/** A rating as the pairing rules need it: the latest staff rating of a competency and its target then. */
export interface QualifyingRating {
  level: number;
  targetLevel: number;
}

export interface PairingInput {
  pairId: string;
  peerCoach: ParticipantRef;
  coachee: ParticipantRef;
  competencyCodes: string[];
  peerRatings: ReadonlyMap<string, QualifyingRating>;
  maxActiveCoachees: number;
  today: string;
}

export const activePairs = (coach: PeerCoach | null) => (coach?.pairs ?? []).filter((p) => p.status === 'ACTIVE');

/** Competencies on which the peer coach is not (yet) rated at or above target. */
export function unqualifiedCodes(codes: readonly string[], ratings: ReadonlyMap<string, QualifyingRating>): string[] {
  return codes.filter((code) => {
    const rating = ratings.get(code);
    return !rating || rating.level < rating.targetLevel;
  });
}

export function pairPeers(current: PeerCoach | null, input: PairingInput) {
  assertCompetencies(input.competencyCodes);
  if (input.peerCoach.participantId === input.coachee.participantId) {
    throw new DomainError('COACHING.SELF_PAIR', 'rule-violation', 'A participant cannot be their own peer coach.');
  }
  if (input.peerCoach.organisationId !== input.coachee.organisationId) {
    throw new DomainError(
      'COACHING.PEER_OTHER_ORGANISATION',
      'rule-violation',
      'A peer coach works with participants of the same organisation.',
    );
  }
  const missing = unqualifiedCodes(input.competencyCodes, input.peerRatings);
  if (missing.length > 0) {
    throw new DomainError(
      'COACHING.PEER_NOT_QUALIFIED',
      'rule-violation',
      `The peer coach is not rated at or above target on: ${missing.join(', ')}.`,
      { competencyCodes: missing },
    );
  }
  const active = activePairs(current);
  if (active.some((pair) => pair.coacheeId === input.coachee.participantId)) {
    throw new DomainError('COACHING.ALREADY_PAIRED', 'conflict', 'These two already form an active pair.');
  }
  if (active.length >= input.maxActiveCoachees) {
    throw new DomainError(
      'COACHING.PEER_COACH_FULL',
      'rule-violation',
      `This peer coach already has ${active.length} active coachees; the maximum is ${input.maxActiveCoachees}.`,
      { activeCoachees: active.length, maxActiveCoachees: input.maxActiveCoachees },
    );
  }
  const pair: PeerPair = {
    id: input.pairId,
    coacheeId: input.coachee.participantId,
    competencyCodes: [...input.competencyCodes],
    status: 'ACTIVE',
    startedOn: input.today,
    endedOn: null,
    endReason: null,
    lastSessionOn: null,
    sessionsHeld: 0,
  };
  const coach: PeerCoach = current ?? {
    peerCoachId: input.peerCoach.participantId,
    organisationId: input.peerCoach.organisationId,
    regionId: input.peerCoach.regionId,
    pairs: [],
  };
  return {
    next: { ...coach, pairs: [...coach.pairs, pair] },
    facts: [assignedFact(pair.id, input.coachee, 'PEER', pair.competencyCodes, input.today)],
    result: { ...pair, peerCoachId: coach.peerCoachId },
  };
}

function activePair(coach: PeerCoach, pairId: string): PeerPair {
  const pair = coach.pairs.find((p) => p.id === pairId);
  if (!pair) throw new DomainError('COACHING.PAIR_NOT_FOUND', 'not-found', 'There is no such peer pair.');
  if (pair.status !== 'ACTIVE')
    throw new DomainError('COACHING.ASSIGNMENT_ENDED', 'rule-violation', 'This pair has ended.');
  return pair;
}

/** A pair always ends with a reason code. */
export function endPair(coach: PeerCoach, pairId: string, reason: CoachingEndReason, today: string) {
  const pair = activePair(coach, pairId);
  const ended: PeerPair = { ...pair, status: 'ENDED', endedOn: today, endReason: reason };
  return {
    next: { ...coach, pairs: coach.pairs.map((p) => (p.id === pairId ? ended : p)) },
    facts: [
      endedFact(
        pair.id,
        { participantId: pair.coacheeId, organisationId: coach.organisationId },
        'PEER',
        today,
        reason,
      ),
    ],
    result: { ...ended, peerCoachId: coach.peerCoachId },
  };
}

export function logPeerSession(coach: PeerCoach, pairId: string, heldOn: string, today: string) {
  const pair = activePair(coach, pairId);
  if (heldOn > today)
    throw new DomainError('COACHING.HELD_IN_FUTURE', 'validation', 'A session cannot be logged before it took place.');
  if (heldOn < pair.startedOn)
    throw new DomainError('COACHING.HELD_BEFORE_START', 'validation', 'A session cannot precede the pairing.');
  const logged: PeerPair = {
    ...pair,
    lastSessionOn: laterOf(pair.lastSessionOn, heldOn),
    sessionsHeld: pair.sessionsHeld + 1,
  };
  return {
    next: { ...coach, pairs: coach.pairs.map((p) => (p.id === pairId ? logged : p)) },
    facts: [],
    result: { ...logged, peerCoachId: coach.peerCoachId },
  };
}

export function peerSummaries(coach: PeerCoach, coacheeId: string): AssignmentSummary[] {
  return coach.pairs
    .filter((pair) => pair.coacheeId === coacheeId)
    .map((pair) => ({
      assignmentId: pair.id,
      participantId: coacheeId,
      modality: 'PEER' as const,
      competencyCodes: pair.competencyCodes,
      active: pair.status === 'ACTIVE',
      startedOn: pair.startedOn,
      endedOn: pair.endedOn,
      lastActivityOn: laterOf(pair.startedOn, pair.lastSessionOn) as string,
      notStalledBefore: null,
    }));
}

export interface PeerCandidate {
  participant: ParticipantRef & { displayName: string; formerParticipant: boolean };
  ratings: ReadonlyMap<string, QualifyingRating>;
  activeCoachees: number;
}

export interface PeerSuggestion {
  participantId: string;
  displayName: string;
  score: number;
  activeCoachees: number;
  /** Why this candidate ranks where it does, in plain English words (API clients). */
  explanation: string[];
  /** The same reasons as data, so a screen can say them in the coach's language. */
  reasons: PeerReason[];
}

export type PeerReason =
  | { code: 'RATED_AT_OR_ABOVE_TARGET'; competencyCode: string; level: number; targetLevel: number }
  | { code: 'COACHEES'; activeCoachees: number; maxActiveCoachees: number }
  | { code: 'FINISHED_A_TRAJECTORY' };

/**
 * Candidates who may coach the coachee on the competencies, best fit first: the further above
 * target on those competencies, the better; a free peer coach before a busy one; experience of a
 * finished trajectory counts a little. The coach decides; every suggestion says why.
 */
export function rankPeerCoaches(
  coachee: ParticipantRef,
  competencyCodes: readonly string[],
  candidates: readonly PeerCandidate[],
  maxActiveCoachees: number,
): PeerSuggestion[] {
  const suggestions: PeerSuggestion[] = [];
  for (const candidate of candidates) {
    const { participant, ratings } = candidate;
    if (participant.participantId === coachee.participantId) continue;
    if (participant.organisationId !== coachee.organisationId) continue;
    if (candidate.activeCoachees >= maxActiveCoachees) continue;
    if (unqualifiedCodes(competencyCodes, ratings).length > 0) continue;
    const explanation: string[] = [];
    const reasons: PeerReason[] = [];
    let margin = 0;
    for (const code of competencyCodes) {
      const rating = ratings.get(code) as QualifyingRating;
      margin += rating.level - rating.targetLevel;
      explanation.push(`${code}: rated ${rating.level}, target ${rating.targetLevel}`);
      reasons.push({
        code: 'RATED_AT_OR_ABOVE_TARGET',
        competencyCode: code,
        level: rating.level,
        targetLevel: rating.targetLevel,
      });
    }
    const free = maxActiveCoachees - candidate.activeCoachees;
    explanation.push(`coaches ${candidate.activeCoachees} of at most ${maxActiveCoachees} coachees`);
    reasons.push({ code: 'COACHEES', activeCoachees: candidate.activeCoachees, maxActiveCoachees });
    if (participant.formerParticipant) {
      explanation.push('finished a trajectory: knows the way from experience');
      reasons.push({ code: 'FINISHED_A_TRAJECTORY' });
    }
    const score = margin * 10 + free * 3 + (participant.formerParticipant ? 2 : 0);
    suggestions.push({
      participantId: participant.participantId,
      displayName: participant.displayName,
      score,
      activeCoachees: candidate.activeCoachees,
      explanation,
      reasons,
    });
  }
  return suggestions.sort((a, b) => b.score - a.score || a.displayName.localeCompare(b.displayName));
}
