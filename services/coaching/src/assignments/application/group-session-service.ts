import { Principal, assertCanWriteOrganisation, canAccess, readScopeOf } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import type { AssessmentService } from '../../assessments/application/assessment-service';
import type { Rating } from '../../assessments/domain/assessment';
import type { CatalogueService } from '../../competencies/application/catalogue-service';
import { assertKnownCompetencies } from '../../competencies/domain/catalogue';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import { brusselsDateOf } from '../../shared/application/clock';
import {
  GroupSession,
  GroupSessionPlan,
  GroupSessionView,
  cancelEnrolment,
  enrol,
  groupSessionView,
  planGroupSession,
  recordAttendance,
} from '../domain/group-session';
import { AssignmentWriter, assignmentNotFound } from './assignment-writer';
import type { GroupSessionRepository } from './ports';

export interface GroupSessionInput extends Omit<GroupSessionPlan, 'id' | 'regionId' | 'createdBy'> {
  regionId?: string;
}

const notFound = () => assignmentNotFound('group session');

/** Group training: planning sessions, seats and the waiting list, attendance and rating the attendees. */
export class GroupSessionService {
  constructor(
    private readonly groups: GroupSessionRepository,
    private readonly roster: ParticipantRoster,
    private readonly catalogues: CatalogueService,
    private readonly assessmentService: AssessmentService,
    private readonly writer: AssignmentWriter,
  ) {}

  async plan(principal: Principal, input: GroupSessionInput): Promise<GroupSession> {
    assertCanWriteOrganisation(principal, input.organisationId);
    assertKnownCompetencies(await this.catalogues.current(input.organisationId), input.competencyCodes);
    const regionId = input.regionId ?? principal.regionId ?? (await this.roster.regionOf(input.organisationId));
    if (!regionId) {
      throw new DomainError(
        'COACHING.REGION_UNKNOWN',
        'validation',
        'Give the region of the organisation; no participant tells it yet.',
      );
    }
    const id = randomUUID();
    const { regionId: _given, ...plan } = input;
    return this.writer.change(this.groups, id, () => {
      const session = planGroupSession({ ...plan, id, regionId, createdBy: principal.userId });
      return { next: session, facts: [], result: session };
    });
  }

  async session(principal: Principal, sessionId: string) {
    const session = (await this.groups.load(sessionId))?.value;
    if (!session || !canAccess(principal, session)) throw notFound();
    return groupSessionView(session);
  }

  /** The sessions the caller may read, of one organisation when asked; none outside their scope. */
  async list(principal: Principal, organisationId?: string): Promise<GroupSessionView[]> {
    const scope = readScopeOf(principal, organisationId);
    if (!scope) return [];
    return (await this.groups.list(scope)).map(groupSessionView);
  }

  async enrol(principal: Principal, sessionId: string, participantId: string) {
    const session = await this.writableSession(principal, sessionId);
    const participant = await this.assessmentService.writableParticipant(principal, participantId);
    const now = this.writer.now();
    const result = await this.writer.change(this.groups, session.id, (current) => {
      if (!current) throw notFound();
      return enrol(current, participant, now.toISOString(), brusselsDateOf(now));
    });
    return this.writer.stored(result, [participantId]);
  }

  async cancelEnrolment(principal: Principal, sessionId: string, participantId: string) {
    const session = await this.writableSession(principal, sessionId);
    const result = await this.writer.change(this.groups, session.id, (current) => {
      if (!current) throw notFound();
      return cancelEnrolment(current, participantId, this.writer.today());
    });
    return this.writer.stored(result, [participantId, ...(result.promoted ? [result.promoted] : [])]);
  }

  async recordAttendance(principal: Principal, sessionId: string, attendedIds: string[]) {
    const session = await this.writableSession(principal, sessionId);
    const result = await this.writer.change(this.groups, session.id, (current) => {
      if (!current) throw notFound();
      return recordAttendance(current, attendedIds, this.writer.today());
    });
    return this.writer.stored(
      result,
      session.enrolments.map((e) => e.participantId),
    );
  }

  /** The coach rates every attendee on the session's competencies in one go. */
  async rate(
    principal: Principal,
    sessionId: string,
    assessedOn: string,
    entries: Array<{ participantId: string; ratings: Rating[] }>,
  ) {
    const session = await this.writableSession(principal, sessionId);
    const enrolled = new Set(session.enrolments.filter((e) => e.status === 'ENROLLED').map((e) => e.participantId));
    const outsiders = entries.filter((entry) => !enrolled.has(entry.participantId)).map((entry) => entry.participantId);
    if (outsiders.length > 0) {
      throw new DomainError(
        'COACHING.NOT_ENROLLED',
        'rule-violation',
        'Rate only participants enrolled in the session.',
        { participantIds: outsiders },
      );
    }
    const foreign = entries
      .flatMap((entry) => entry.ratings.map((r) => r.competencyCode))
      .filter((code) => !session.competencyCodes.includes(code));
    if (foreign.length > 0) {
      throw new DomainError(
        'COACHING.NOT_SESSION_COMPETENCY',
        'rule-violation',
        'Rate only the session’s competencies.',
        {
          competencyCodes: [...new Set(foreign)],
        },
      );
    }
    return this.assessmentService.bulk(
      principal,
      principal.role === 'ORGANISER' ? 'ORGANISER' : 'COACH',
      assessedOn,
      entries,
    );
  }

  private async writableSession(principal: Principal, sessionId: string): Promise<GroupSession> {
    const session = (await this.groups.load(sessionId))?.value;
    if (!session || !canAccess(principal, session)) throw notFound();
    assertCanWriteOrganisation(principal, session.organisationId);
    return session;
  }
}
