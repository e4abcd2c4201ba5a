import { Principal, assertCanWriteOrganisation, canAccess, canReadOrganisation, readScopeOf } from '@stapsteen/auth';
import type { CoachingEndReason } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import {
  participantNotFound,
  type AssessmentRepository,
  type AssessmentService,
} from '../../assessments/application/assessment-service';
import type { Rating } from '../../assessments/domain/assessment';
import { latestRatings } from '../../assessments/domain/assessment';
import type { CatalogueService } from '../../competencies/application/catalogue-service';
import { assertKnownCompetencies } from '../../competencies/domain/catalogue';
import { ParticipantRoster, RosterEntry, activeTrajectory } from '../../participants/application/participant-roster';
import { changeAggregate, Serialize, unserialised } from '../../shared/application/aggregate-writes';
import { Clock, brusselsDateOf } from '../../shared/application/clock';
import type { ParticipantChanges } from '../../shared/application/participant-changes';
import type { AssignmentSummary } from '../domain/assignment';
import {
  GroupSession,
  GroupSessionPlan,
  cancelEnrolment,
  enrol,
  groupSummaries,
  planGroupSession,
  recordAttendance,
  GroupSessionView,
  groupSessionView,
} from '../domain/group-session';
import {
  OneOnOne,
  endOneOnOne,
  logSession,
  oneOnOneSummary,
  planSession,
  startOneOnOne,
  withoutNotes,
} from '../domain/one-on-one';
import {
  PeerCandidate,
  activePairs,
  endPair,
  logPeerSession,
  pairPeers,
  peerSummaries,
  rankPeerCoaches,
} from '../domain/peer';
import type { GroupSessionRepository, OneOnOneRepository, PeerCoachRepository } from './ports';

export interface AssignmentPolicy {
  maxActiveCoachees: number;
}

export interface GroupSessionInput extends Omit<GroupSessionPlan, 'id' | 'regionId' | 'createdBy'> {
  regionId?: string;
}

const notFound = (what: string) =>
  new DomainError('COACHING.ASSIGNMENT_NOT_FOUND', 'not-found', `There is no such ${what} in your organisations.`);

/** The three coaching modalities: group sessions, one-on-one coaching and peer pairs. */
export class AssignmentService {
  constructor(
    private readonly groups: GroupSessionRepository,
    private readonly oneOnOnes: OneOnOneRepository,
    private readonly peers: PeerCoachRepository,
    private readonly roster: ParticipantRoster,
    private readonly catalogues: CatalogueService,
    private readonly assessments: AssessmentRepository,
    private readonly assessmentService: AssessmentService,
    private readonly clock: Clock,
    private readonly changes: ParticipantChanges,
    private readonly policy: AssignmentPolicy,
    private readonly serialize: Serialize = unserialised,
    private readonly onStored: () => void = () => undefined,
  ) {}

  private today(): string {
    return brusselsDateOf(this.clock.now());
  }

  private async stored<R>(result: R, participantIds: string[]): Promise<R> {
    this.onStored();
    await this.changes.touched(participantIds);
    return result;
  }

  // --- group sessions ---------------------------------------------------------------------------

  async planGroup(principal: Principal, input: GroupSessionInput): Promise<GroupSession> {
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
    return changeAggregate(this.groups, this.serialize, id, () => {
      const session = planGroupSession({ ...plan, id, regionId, createdBy: principal.userId });
      return { next: session, facts: [], result: session };
    });
  }

  async groupSession(principal: Principal, sessionId: string) {
    const session = (await this.groups.load(sessionId))?.value;
    if (!session || !canAccess(principal, session)) throw notFound('group session');
    return groupSessionView(session);
  }

  /** The sessions the caller may read, of one organisation when asked; none outside their scope. */
  async listGroups(principal: Principal, organisationId?: string): Promise<GroupSessionView[]> {
    const scope = readScopeOf(principal, organisationId);
    if (!scope) return [];
    return (await this.groups.list(scope)).map(groupSessionView);
  }

  async enrol(principal: Principal, sessionId: string, participantId: string) {
    const session = await this.writableSession(principal, sessionId);
    const participant = await this.assessmentService.writableParticipant(principal, participantId);
    const now = this.clock.now();
    const result = await changeAggregate(this.groups, this.serialize, session.id, (current) => {
      if (!current) throw notFound('group session');
      return enrol(current, participant, now.toISOString(), brusselsDateOf(now));
    });
    return this.stored(result, [participantId]);
  }

  async cancelEnrolment(principal: Principal, sessionId: string, participantId: string) {
    const session = await this.writableSession(principal, sessionId);
    const result = await changeAggregate(this.groups, this.serialize, session.id, (current) => {
      if (!current) throw notFound('group session');
      return cancelEnrolment(current, participantId, this.today());
    });
    return this.stored(result, [participantId, ...(result.promoted ? [result.promoted] : [])]);
  }

  async recordAttendance(principal: Principal, sessionId: string, attendedIds: string[]) {
    const session = await this.writableSession(principal, sessionId);
    const result = await changeAggregate(this.groups, this.serialize, session.id, (current) => {
      if (!current) throw notFound('group session');
      return recordAttendance(current, attendedIds, this.today());
    });
    return this.stored(
      result,
      session.enrolments.map((e) => e.participantId),
    );
  }

  /** The coach rates every attendee on the session's competencies in one go. */
  async rateGroup(
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
    if (!session || !canAccess(principal, session)) throw notFound('group session');
    assertCanWriteOrganisation(principal, session.organisationId);
    return session;
  }

  // --- one-on-one -------------------------------------------------------------------------------

  async startOneOnOne(
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
    const result = await changeAggregate(this.oneOnOnes, this.serialize, id, () =>
      startOneOnOne(id, participant, coach, competencyCodes, this.today()),
    );
    return this.stored(result, [participantId]);
  }

  async oneOnOne(principal: Principal, id: string): Promise<OneOnOne> {
    const assignment = (await this.oneOnOnes.load(id))?.value;
    if (!assignment || !canAccess(principal, assignment)) throw notFound('one-on-one coaching');
    return assignment;
  }

  async listOneOnOnes(principal: Principal, filter: { participantId?: string; coachId?: string }): Promise<OneOnOne[]> {
    const scope = readScopeOf(principal);
    if (!scope) return [];
    return this.oneOnOnes.list({ scope, participantId: filter.participantId, coachId: filter.coachId });
  }

  async planOneOnOneSession(principal: Principal, id: string, plannedFor: string) {
    await this.writableOneOnOne(principal, id);
    const result = await changeAggregate(this.oneOnOnes, this.serialize, id, (current) => {
      if (!current) throw notFound('one-on-one coaching');
      return planSession(current, randomUUID(), plannedFor, this.today());
    });
    return this.stored(result, []);
  }

  async logOneOnOneSession(
    principal: Principal,
    id: string,
    entry: { plannedSessionId?: string; heldOn: string; attended: boolean; note: string | null },
  ) {
    const assignment = await this.writableOneOnOne(principal, id);
    const result = await changeAggregate(this.oneOnOnes, this.serialize, id, (current) => {
      if (!current) throw notFound('one-on-one coaching');
      return logSession(current, { ...entry, sessionId: randomUUID() }, this.today());
    });
    return this.stored(result, [assignment.participantId]);
  }

  /** After `participant.erased`: removes the notes kept about the participant in 1-on-1 logs. */
  async eraseNotesOf(participantId: string): Promise<void> {
    for (const assignment of await this.oneOnOnes.forParticipant(participantId)) {
      await changeAggregate(this.oneOnOnes, this.serialize, assignment.id, (current) => {
        if (!current || current.sessions.every((s) => s.note === null))
          return { next: current as OneOnOne, facts: [], result: undefined, skip: true };
        return { next: withoutNotes(current), facts: [], result: undefined };
      });
    }
  }

  async endOneOnOne(principal: Principal, id: string, reason: CoachingEndReason) {
    const assignment = await this.writableOneOnOne(principal, id);
    const result = await changeAggregate(this.oneOnOnes, this.serialize, id, (current) => {
      if (!current) throw notFound('one-on-one coaching');
      return endOneOnOne(current, reason, this.today());
    });
    return this.stored(result, [assignment.participantId]);
  }

  private async writableOneOnOne(principal: Principal, id: string): Promise<OneOnOne> {
    const assignment = await this.oneOnOne(principal, id);
    assertCanWriteOrganisation(principal, assignment.organisationId);
    return assignment;
  }

  // --- peers ------------------------------------------------------------------------------------

  async pairPeers(principal: Principal, peerCoachId: string, coacheeId: string, competencyCodes: string[]) {
    const coachee = await this.assessmentService.writableParticipant(principal, coacheeId);
    const peerCoach = await this.roster.findById(peerCoachId);
    if (!peerCoach || !canAccess(principal, peerCoach)) throw participantNotFound();
    assertKnownCompetencies(await this.catalogues.current(coachee.organisationId), competencyCodes);
    const peerRatings = latestRatings(await this.assessments.forParticipant(peerCoachId));
    const pairId = randomUUID();
    const result = await changeAggregate(this.peers, this.serialize, peerCoachId, (current) =>
      pairPeers(current, {
        pairId,
        peerCoach,
        coachee,
        competencyCodes,
        peerRatings,
        maxActiveCoachees: this.policy.maxActiveCoachees,
        today: this.today(),
      }),
    );
    return this.stored(result, [coacheeId]);
  }

  async endPair(principal: Principal, pairId: string, reason: CoachingEndReason) {
    const peerCoachId = await this.writablePairCoach(principal, pairId);
    const result = await changeAggregate(this.peers, this.serialize, peerCoachId, (current) => {
      if (!current) throw notFound('peer pair');
      return endPair(current, pairId, reason, this.today());
    });
    return this.stored(result, [result.coacheeId]);
  }

  async logPeerSession(principal: Principal, pairId: string, heldOn: string) {
    const peerCoachId = await this.writablePairCoach(principal, pairId);
    const result = await changeAggregate(this.peers, this.serialize, peerCoachId, (current) => {
      if (!current) throw notFound('peer pair');
      return logPeerSession(current, pairId, heldOn, this.today());
    });
    return this.stored(result, [result.coacheeId]);
  }

  async listPairs(principal: Principal, organisationId: string) {
    const coaches = await this.peers.forOrganisation(organisationId);
    if (
      !canReadOrganisation(
        principal,
        organisationId,
        coaches.map((coach) => coach.regionId),
      )
    ) {
      throw new DomainError(
        'COACHING.ORGANISATION_NOT_FOUND',
        'not-found',
        'There is no such organisation in your scope.',
      );
    }
    return coaches;
  }

  private async writablePairCoach(principal: Principal, pairId: string): Promise<string> {
    const peerCoachId = await this.peers.locatePair(pairId);
    const coach = peerCoachId ? (await this.peers.load(peerCoachId))?.value : null;
    if (!peerCoachId || !coach || !canAccess(principal, coach)) throw notFound('peer pair');
    assertCanWriteOrganisation(principal, coach.organisationId);
    return peerCoachId;
  }

  /**
   * Peer coaches for a coachee, best fit first, each with why. Without competencies, those the
   * coachee is below target on (latest staff ratings) are used.
   */
  async suggestPeers(principal: Principal, coacheeId: string, competencyCodes?: string[]) {
    const coachee = await this.assessmentService.readableParticipant(principal, coacheeId);
    const assessments = await this.assessments.forOrganisation(coachee.organisationId);
    const byParticipant = new Map<string, typeof assessments>();
    for (const assessment of assessments) {
      byParticipant.set(assessment.participantId, [...(byParticipant.get(assessment.participantId) ?? []), assessment]);
    }
    const codes =
      competencyCodes && competencyCodes.length > 0
        ? competencyCodes
        : [...latestRatings(byParticipant.get(coacheeId) ?? []).values()]
            .filter((r) => r.level < r.targetLevel)
            .map((r) => r.competencyCode);
    if (codes.length === 0) return { competencyCodes: [], suggestions: [] };
    const load = new Map<string, number>();
    for (const coach of await this.peers.forOrganisation(coachee.organisationId))
      load.set(coach.peerCoachId, activePairs(coach).length);
    const people = await this.roster.list({ organisationIds: [coachee.organisationId] });
    const candidates: PeerCandidate[] = people
      .filter((person) => byParticipant.has(person.participantId))
      .map((person: RosterEntry) => ({
        participant: {
          participantId: person.participantId,
          organisationId: person.organisationId,
          regionId: person.regionId,
          displayName: person.displayName,
          formerParticipant: person.trajectories.length > 0 && activeTrajectory(person) === null,
        },
        ratings: latestRatings(byParticipant.get(person.participantId) ?? []),
        activeCoachees: load.get(person.participantId) ?? 0,
      }));
    return {
      competencyCodes: codes,
      suggestions: rankPeerCoaches(coachee, codes, candidates, this.policy.maxActiveCoachees),
    };
  }

  // --- for the gap rules and the overview -------------------------------------------------------

  async summariesFor(participantId: string): Promise<AssignmentSummary[]> {
    const [groups, oneOnOnes, peers] = await Promise.all([
      this.groups.forParticipant(participantId),
      this.oneOnOnes.forParticipant(participantId),
      this.peers.forCoachee(participantId),
    ]);
    return [
      ...groups.flatMap((session) => groupSummaries(session, participantId)),
      ...oneOnOnes.map(oneOnOneSummary),
      ...peers.flatMap((coach) => peerSummaries(coach, participantId)),
    ];
  }

  /** Every assignment of an organisation's participants (per-organisation reads), for the effectiveness report. */
  async summariesForOrganisation(organisationId: string): Promise<AssignmentSummary[]> {
    const [groups, oneOnOnes, peers] = await Promise.all([
      this.groups.list({ organisationIds: [organisationId] }),
      this.oneOnOnes.list({ scope: { organisationIds: [organisationId] } }),
      this.peers.forOrganisation(organisationId),
    ]);
    const coachees = (coach: { pairs: Array<{ coacheeId: string }> }) => [
      ...new Set(coach.pairs.map((p) => p.coacheeId)),
    ];
    const enrolled = (session: GroupSession) => [...new Set(session.enrolments.map((e) => e.participantId))];
    return [
      ...groups.flatMap((session) => enrolled(session).flatMap((id) => groupSummaries(session, id))),
      ...oneOnOnes.map(oneOnOneSummary),
      ...peers.flatMap((coach) => coachees(coach).flatMap((id) => peerSummaries(coach, id))),
    ];
  }

  async participantAssignments(principal: Principal, participantId: string): Promise<AssignmentSummary[]> {
    await this.assessmentService.readableParticipant(principal, participantId);
    return this.summariesFor(participantId);
  }
}
