import { Principal, assertCanWriteOrganisation, canAccess, readScopeOf } from '@stapsteen/auth';
import type { CoachingEndReason } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import type { AssessmentService } from '../../assessments/application/assessment-service';
import type { CatalogueService } from '../../competencies/application/catalogue-service';
import { assertKnownCompetencies } from '../../competencies/domain/catalogue';
import { OneOnOne, endOneOnOne, logSession, planSession, startOneOnOne, withoutNotes } from '../domain/one-on-one';
import { AssignmentWriter, assignmentNotFound } from './assignment-writer';
import type { OneOnOneRepository } from './ports';

const notFound = () => assignmentNotFound('one-on-one coaching');

/** One-on-one coaching: a coach with one participant, its planned and held sessions and its end. */
export class OneOnOneService {
  constructor(
    private readonly oneOnOnes: OneOnOneRepository,
    private readonly catalogues: CatalogueService,
    private readonly assessmentService: AssessmentService,
    private readonly writer: AssignmentWriter,
  ) {}

  async start(
    principal: Principal,
    participantId: string,
    coachId: string | undefined,
    competencyCodes: string[],
  ): Promise<OneOnOne> {
    const participant = await this.assessmentService.writableParticipant(principal, participantId);
    assertKnownCompetencies(await this.catalogues.current(participant.organisationId), competencyCodes);
    const id = randomUUID();
    const coach = coachId ?? (principal.role === 'COACH' ? principal.userId : participant.coachId);
    if (!coach)
      throw new DomainError('COACHING.COACH_MISSING', 'validation', 'Name the coach of this one-on-one coaching.');
    const result = await this.writer.change(this.oneOnOnes, id, () =>
      startOneOnOne(id, participant, coach, competencyCodes, this.writer.today()),
    );
    return this.writer.stored(result, [participantId]);
  }

  async get(principal: Principal, id: string): Promise<OneOnOne> {
    const assignment = (await this.oneOnOnes.load(id))?.value;
    if (!assignment || !canAccess(principal, assignment)) throw notFound();
    return assignment;
  }

  async list(principal: Principal, filter: { participantId?: string; coachId?: string }): Promise<OneOnOne[]> {
    const scope = readScopeOf(principal);
    if (!scope) return [];
    return this.oneOnOnes.list({ scope, participantId: filter.participantId, coachId: filter.coachId });
  }

  async planSession(principal: Principal, id: string, plannedFor: string) {
    await this.writable(principal, id);
    const result = await this.writer.change(this.oneOnOnes, id, (current) => {
      if (!current) throw notFound();
      return planSession(current, randomUUID(), plannedFor, this.writer.today());
    });
    return this.writer.stored(result, []);
  }

  async logSession(
    principal: Principal,
    id: string,
    entry: { plannedSessionId?: string; heldOn: string; attended: boolean; note: string | null },
  ) {
    const assignment = await this.writable(principal, id);
    const result = await this.writer.change(this.oneOnOnes, id, (current) => {
      if (!current) throw notFound();
      return logSession(current, { ...entry, sessionId: randomUUID() }, this.writer.today());
    });
    return this.writer.stored(result, [assignment.participantId]);
  }

  async end(principal: Principal, id: string, reason: CoachingEndReason) {
    const assignment = await this.writable(principal, id);
    const result = await this.writer.change(this.oneOnOnes, id, (current) => {
      if (!current) throw notFound();
      return endOneOnOne(current, reason, this.writer.today());
    });
    return this.writer.stored(result, [assignment.participantId]);
  }

  /** After `participant.erased`: removes the notes kept about the participant in 1-on-1 logs. */
  async eraseNotesOf(participantId: string): Promise<void> {
    for (const assignment of await this.oneOnOnes.forParticipant(participantId)) {
      await this.writer.change(this.oneOnOnes, assignment.id, (current) => {
        if (!current || current.sessions.every((s) => s.note === null))
          return { next: current as OneOnOne, facts: [], result: undefined, skip: true };
        return { next: withoutNotes(current), facts: [], result: undefined };
      });
    }
  }

  private async writable(principal: Principal, id: string): Promise<OneOnOne> {
    const assignment = await this.get(principal, id);
    assertCanWriteOrganisation(principal, assignment.organisationId);
    return assignment;
  }
}
