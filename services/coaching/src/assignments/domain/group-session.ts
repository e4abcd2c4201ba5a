import { DomainError } from '@stapsteen/errors';
import { ParticipantRef, assertCompetencies, assignedFact, endedFact, AssignmentSummary } from './assignment';

export type EnrolmentStatus = 'ENROLLED' | 'WAITING' | 'CANCELLED';

export interface Enrolment {
  participantId: string;
  status: EnrolmentStatus;
  /** When they asked for a seat: the waiting list is served in this order. */
  requestedAt: string;
  enrolledOn: string | null;
  attended: boolean | null;
}

export interface GroupSession {
  id: string;
  organisationId: string;
  regionId: string;
  title: string;
  competencyCodes: string[];
  /** The Belgian day of the session and its times, e.g. 09:30–12:00. */
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  trainer: string;
  capacity: number;
  status: 'PLANNED' | 'HELD';
  attendanceRecordedOn: string | null;
  enrolments: Enrolment[];
  createdBy: string;
}

export const MAX_CAPACITY = 200;

export type GroupSessionPlan = Omit<GroupSession, 'status' | 'attendanceRecordedOn' | 'enrolments'>;

export function planGroupSession(plan: GroupSessionPlan): GroupSession {
  assertCompetencies(plan.competencyCodes);
  if (!Number.isInteger(plan.capacity) || plan.capacity < 1 || plan.capacity > MAX_CAPACITY) {
    throw new DomainError('COACHING.CAPACITY_INVALID', 'validation', `Capacity lies between 1 and ${MAX_CAPACITY}.`);
  }
  if (plan.endTime <= plan.startTime) {
    throw new DomainError('COACHING.SESSION_TIMES_INVALID', 'validation', 'A session ends after it starts.');
  }
  return {
    ...plan,
    competencyCodes: [...plan.competencyCodes],
    status: 'PLANNED',
    attendanceRecordedOn: null,
    enrolments: [],
  };
}

const enrolledCount = (session: GroupSession) => session.enrolments.filter((e) => e.status === 'ENROLLED').length;

export function seatsLeft(session: GroupSession): number {
  return Math.max(0, session.capacity - enrolledCount(session));
}

/**
 * Takes a seat while one is free, otherwise a place on the waiting list. Capacity is an invariant
 * of this one document, so concurrent enrolments never exceed it when written under the lock and
 * the version condition.
 */
export function enrol(session: GroupSession, participant: ParticipantRef, requestedAt: string, today: string) {
  if (session.status !== 'PLANNED') {
    throw new DomainError(
      'COACHING.SESSION_HELD',
      'rule-violation',
      'This session has taken place; enrol in another one.',
    );
  }
  if (participant.organisationId !== session.organisationId) {
    throw new DomainError(
      'COACHING.OTHER_ORGANISATION',
      'rule-violation',
      'Only participants of the organisation can enrol.',
    );
  }
  const existing = session.enrolments.find(
    (e) => e.participantId === participant.participantId && e.status !== 'CANCELLED',
  );
  if (existing) {
    throw new DomainError(
      'COACHING.ALREADY_ENROLLED',
      'conflict',
      `Already ${existing.status === 'ENROLLED' ? 'enrolled' : 'on the waiting list'}.`,
      {
        status: existing.status,
      },
    );
  }
  const seat = enrolledCount(session) < session.capacity;
  const enrolment: Enrolment = {
    participantId: participant.participantId,
    status: seat ? 'ENROLLED' : 'WAITING',
    requestedAt,
    enrolledOn: seat ? today : null,
    attended: null,
  };
  const others = session.enrolments.filter((e) => e.participantId !== participant.participantId);
  return {
    next: { ...session, enrolments: [...others, enrolment] },
    facts: seat
      ? [assignedFact(session.id, participant, 'GROUP', session.competencyCodes, coachedFrom(session, today))]
      : [],
    result: { ...enrolment, waitingPosition: seat ? null : waitingList(session).length + 1 },
  };
}

/**
 * What the API shows of a session: `enrolments` holds only the participants with a seat, in the
 * order they got it; `waitingList` the participants waiting for one, in the order they are served.
 * Cancelled enrolments are in neither. The stored document keeps all three in one array, because
 * capacity is an invariant of that one document.
 */
export interface GroupSessionView extends Omit<GroupSession, 'enrolments'> {
  enrolments: Enrolment[];
  seatsLeft: number;
  waitingList: string[];
}

export function groupSessionView(session: GroupSession): GroupSessionView {
  return {
    ...session,
    enrolments: session.enrolments.filter((e) => e.status === 'ENROLLED'),
    seatsLeft: seatsLeft(session),
    waitingList: waitingList(session).map((e) => e.participantId),
  };
}

export function waitingList(session: GroupSession): Enrolment[] {
  return session.enrolments
    .filter((e) => e.status === 'WAITING')
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

/** A participant leaves; the first on the waiting list takes the seat they freed. */
export function cancelEnrolment(session: GroupSession, participantId: string, today: string) {
  const enrolment = session.enrolments.find((e) => e.participantId === participantId && e.status !== 'CANCELLED');
  if (!enrolment)
    throw new DomainError('COACHING.NOT_ENROLLED', 'not-found', 'This participant is not enrolled in the session.');
  if (session.status !== 'PLANNED') {
    throw new DomainError('COACHING.SESSION_HELD', 'rule-violation', 'This session has taken place already.');
  }
  const ref = { participantId, organisationId: session.organisationId };
  const facts: ReturnType<typeof assignedFact | typeof endedFact>[] = [];
  let promoted: string | null = null;
  const next = session.enrolments.map((e) => (e === enrolment ? { ...e, status: 'CANCELLED' as const } : e));
  if (enrolment.status === 'ENROLLED') {
    facts.push(endedFact(session.id, ref, 'GROUP', today, 'PARTICIPANT_LEFT'));
    const first = waitingList(session)[0];
    if (first) {
      promoted = first.participantId;
      const index = next.findIndex((e) => e.participantId === first.participantId && e.status === 'WAITING');
      next[index] = { ...first, status: 'ENROLLED', enrolledOn: today };
      facts.push(
        assignedFact(
          session.id,
          { participantId: first.participantId, organisationId: session.organisationId },
          'GROUP',
          session.competencyCodes,
          coachedFrom(session, today),
        ),
      );
    }
  }
  return { next: { ...session, enrolments: next }, facts, result: { promoted } };
}

/** Attendance closes the session: attendees completed it, the others did not show. */
export function recordAttendance(session: GroupSession, attendedIds: readonly string[], today: string) {
  if (session.status !== 'PLANNED') {
    throw new DomainError(
      'COACHING.ATTENDANCE_RECORDED',
      'conflict',
      'Attendance for this session was recorded already.',
    );
  }
  if (today < session.date) {
    throw new DomainError(
      'COACHING.SESSION_NOT_HELD_YET',
      'rule-violation',
      'Record attendance on or after the day of the session.',
    );
  }
  const enrolled = session.enrolments.filter((e) => e.status === 'ENROLLED');
  const strangers = attendedIds.filter((id) => !enrolled.some((e) => e.participantId === id));
  if (strangers.length > 0) {
    throw new DomainError('COACHING.NOT_ENROLLED', 'rule-violation', 'Only enrolled participants can attend.', {
      participantIds: strangers,
    });
  }
  const facts = enrolled.map((e) =>
    endedFact(
      session.id,
      { participantId: e.participantId, organisationId: session.organisationId },
      'GROUP',
      session.date,
      attendedIds.includes(e.participantId) ? 'COMPLETED' : 'NO_SHOW',
    ),
  );
  return {
    next: {
      ...session,
      status: 'HELD' as const,
      attendanceRecordedOn: today,
      enrolments: session.enrolments.map((e) =>
        e.status === 'ENROLLED' ? { ...e, attended: attendedIds.includes(e.participantId) } : e,
      ),
    },
    facts,
    result: { attended: attendedIds.length, absent: enrolled.length - attendedIds.length },
  };
}

/**
 * A group training coaches its participants on the day it is held. An organiser often enrols
 * people after the fact (the paper attendance list comes in later), so a seat taken after the
 * session's date counts from that date: the coaching happened then, not on the day it was typed.
 */
function coachedFrom(session: GroupSession, enrolledOn: string): string {
  return session.date < enrolledOn ? session.date : enrolledOn;
}

export function groupSummaries(session: GroupSession, participantId: string): AssignmentSummary[] {
  return session.enrolments
    .filter((e) => e.participantId === participantId && e.status === 'ENROLLED' && e.enrolledOn !== null)
    .map((e) => ({
      assignmentId: session.id,
      participantId,
      modality: 'GROUP' as const,
      competencyCodes: session.competencyCodes,
      active: session.status === 'PLANNED',
      startedOn: coachedFrom(session, e.enrolledOn as string),
      endedOn: session.attendanceRecordedOn === null ? null : session.date,
      lastActivityOn: session.attendanceRecordedOn === null ? (e.enrolledOn as string) : session.date,
      notStalledBefore: session.date,
    }));
}
