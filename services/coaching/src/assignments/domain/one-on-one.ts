import type { CoachingEndReason } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { laterOf } from '@stapsteen/calendar';
import { AssignmentSummary, ParticipantRef, assertCompetencies, assignedFact, endedFact } from './assignment';

export interface CoachingSession {
  id: string;
  plannedFor: string | null;
  heldOn: string | null;
  attended: boolean | null;
  /** The coach's log; stays in this service. */
  note: string | null;
}

export interface OneOnOne {
  id: string;
  participantId: string;
  organisationId: string;
  regionId: string;
  coachId: string;
  competencyCodes: string[];
  status: 'ACTIVE' | 'ENDED';
  startedOn: string;
  endedOn: string | null;
  endReason: CoachingEndReason | null;
  sessions: CoachingSession[];
}

export function startOneOnOne(
  id: string,
  participant: ParticipantRef,
  coachId: string,
  competencyCodes: string[],
  today: string,
) {
  assertCompetencies(competencyCodes);
  const assignment: OneOnOne = {
    id,
    ...participant,
    coachId,
    competencyCodes: [...competencyCodes],
    status: 'ACTIVE',
    startedOn: today,
    endedOn: null,
    endReason: null,
    sessions: [],
  };
  return {
    next: assignment,
    facts: [assignedFact(id, participant, 'ONE_ON_ONE', competencyCodes, today)],
    result: assignment,
  };
}

function assertActive(assignment: { status: string }): void {
  if (assignment.status !== 'ACTIVE')
    throw new DomainError('COACHING.ASSIGNMENT_ENDED', 'rule-violation', 'This coaching has ended.');
}

export function planSession(assignment: OneOnOne, sessionId: string, plannedFor: string, today: string) {
  assertActive(assignment);
  if (plannedFor < today)
    throw new DomainError('COACHING.PLANNED_IN_PAST', 'validation', 'Plan a session for today or later.');
  const session: CoachingSession = { id: sessionId, plannedFor, heldOn: null, attended: null, note: null };
  return { next: { ...assignment, sessions: [...assignment.sessions, session] }, facts: [], result: session };
}

/** Logs a held session: a planned one (by its id) or one that was never planned. */
export function logSession(
  assignment: OneOnOne,
  entry: { sessionId: string; plannedSessionId?: string; heldOn: string; attended: boolean; note: string | null },
  today: string,
) {
  assertActive(assignment);
  if (entry.heldOn > today)
    throw new DomainError('COACHING.HELD_IN_FUTURE', 'validation', 'A session cannot be logged before it took place.');
  if (entry.heldOn < assignment.startedOn) {
    throw new DomainError(
      'COACHING.HELD_BEFORE_START',
      'validation',
      'A session cannot precede the start of the coaching.',
    );
  }
  let session: CoachingSession;
  let sessions: CoachingSession[];
  if (entry.plannedSessionId) {
    const planned = assignment.sessions.find((s) => s.id === entry.plannedSessionId);
    if (!planned) throw new DomainError('COACHING.SESSION_NOT_FOUND', 'not-found', 'There is no such planned session.');
    if (planned.heldOn !== null)
      throw new DomainError('COACHING.SESSION_LOGGED', 'conflict', 'This session was logged already.');
    session = { ...planned, heldOn: entry.heldOn, attended: entry.attended, note: entry.note };
    sessions = assignment.sessions.map((s) => (s.id === planned.id ? session : s));
  } else {
    session = {
      id: entry.sessionId,
      plannedFor: null,
      heldOn: entry.heldOn,
      attended: entry.attended,
      note: entry.note,
    };
    sessions = [...assignment.sessions, session];
  }
  return { next: { ...assignment, sessions }, facts: [], result: session };
}

export function endOneOnOne(assignment: OneOnOne, reason: CoachingEndReason, today: string) {
  assertActive(assignment);
  const next: OneOnOne = { ...assignment, status: 'ENDED', endedOn: today, endReason: reason };
  return { next, facts: [endedFact(assignment.id, assignment, 'ONE_ON_ONE', today, reason)], result: next };
}

export function oneOnOneSummary(assignment: OneOnOne): AssignmentSummary {
  const lastHeld = assignment.sessions.reduce<string | null>((last, s) => laterOf(last, s.heldOn), null);
  return {
    assignmentId: assignment.id,
    participantId: assignment.participantId,
    modality: 'ONE_ON_ONE',
    competencyCodes: assignment.competencyCodes,
    active: assignment.status === 'ACTIVE',
    startedOn: assignment.startedOn,
    endedOn: assignment.endedOn,
    lastActivityOn: laterOf(assignment.startedOn, lastHeld) as string,
    notStalledBefore: null,
  };
}

/** Right to erasure: the coach's session notes go; dates and attendance stay for the figures. */
export function withoutNotes(assignment: OneOnOne): OneOnOne {
  return { ...assignment, sessions: assignment.sessions.map((session) => ({ ...session, note: null })) };
}
