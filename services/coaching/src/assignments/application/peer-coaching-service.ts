import { Principal, assertCanWriteOrganisation, canAccess, canReadOrganisation } from '@stapsteen/auth';
import type { CoachingEndReason } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import {
  participantNotFound,
  type AssessmentRepository,
  type AssessmentService,
} from '../../assessments/application/assessment-service';
import { latestRatings } from '../../assessments/domain/assessment';
import type { CatalogueService } from '../../competencies/application/catalogue-service';
import { assertKnownCompetencies } from '../../competencies/domain/catalogue';
import { ParticipantRoster, RosterEntry, activeTrajectory } from '../../participants/application/participant-roster';
import { PeerCandidate, activePairs, endPair, logPeerSession, pairPeers, rankPeerCoaches } from '../domain/peer';
import { AssignmentWriter, assignmentNotFound } from './assignment-writer';
import type { PeerCoachRepository } from './ports';

export interface PeerCoachingPolicy {
  maxActiveCoachees: number;
}

const notFound = () => assignmentNotFound('peer pair');

/** Peer-to-peer coaching: pairing a qualified participant with a coachee, their meetings, and suggestions. */
export class PeerCoachingService {
  constructor(
    private readonly peers: PeerCoachRepository,
    private readonly roster: ParticipantRoster,
    private readonly catalogues: CatalogueService,
    private readonly assessments: AssessmentRepository,
    private readonly assessmentService: AssessmentService,
    private readonly policy: PeerCoachingPolicy,
    private readonly writer: AssignmentWriter,
  ) {}

  async pair(principal: Principal, peerCoachId: string, coacheeId: string, competencyCodes: string[]) {
    const coachee = await this.assessmentService.writableParticipant(principal, coacheeId);
    const peerCoach = await this.roster.findById(peerCoachId);
    if (!peerCoach || !canAccess(principal, peerCoach)) throw participantNotFound();
    assertKnownCompetencies(await this.catalogues.current(coachee.organisationId), competencyCodes);
    const peerRatings = latestRatings(await this.assessments.forParticipant(peerCoachId));
    const pairId = randomUUID();
    const result = await this.writer.change(this.peers, peerCoachId, (current) =>
      pairPeers(current, {
        pairId,
        peerCoach,
        coachee,
        competencyCodes,
        peerRatings,
        maxActiveCoachees: this.policy.maxActiveCoachees,
        today: this.writer.today(),
      }),
    );
    return this.writer.stored(result, [coacheeId]);
  }

  async endPair(principal: Principal, pairId: string, reason: CoachingEndReason) {
    const peerCoachId = await this.writablePairCoach(principal, pairId);
    const result = await this.writer.change(this.peers, peerCoachId, (current) => {
      if (!current) throw notFound();
      return endPair(current, pairId, reason, this.writer.today());
    });
    return this.writer.stored(result, [result.coacheeId]);
  }

  async logSession(principal: Principal, pairId: string, heldOn: string) {
    const peerCoachId = await this.writablePairCoach(principal, pairId);
    const result = await this.writer.change(this.peers, peerCoachId, (current) => {
      if (!current) throw notFound();
      return logPeerSession(current, pairId, heldOn, this.writer.today());
    });
    return this.writer.stored(result, [result.coacheeId]);
  }

  /** The organisation's peer coaches with their pairs. */
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

  /**
   * Peer coaches for a coachee, best fit first, each with why. Without competencies, those the
   * coachee is below target on (latest staff ratings) are used.
   */
  async suggest(principal: Principal, coacheeId: string, competencyCodes?: string[]) {
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

  private async writablePairCoach(principal: Principal, pairId: string): Promise<string> {
    const peerCoachId = await this.peers.locatePair(pairId);
    const coach = peerCoachId ? (await this.peers.load(peerCoachId))?.value : null;
    if (!peerCoachId || !coach || !canAccess(principal, coach)) throw notFound();
    assertCanWriteOrganisation(principal, coach.organisationId);
    return peerCoachId;
  }
}
