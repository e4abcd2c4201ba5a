import type { Principal } from '@stapsteen/auth';
import type { AssessmentService } from '../../assessments/application/assessment-service';
import type { AssignmentSummary } from '../domain/assignment';
import { GroupSession, groupSummaries } from '../domain/group-session';
import { oneOnOneSummary } from '../domain/one-on-one';
import { peerSummaries } from '../domain/peer';
import type { GroupSessionRepository, OneOnOneRepository, PeerCoachRepository } from './ports';

/**
 * A participant's coaching in every modality (group, one-on-one, peer) as one list of summaries:
 * for the participant's page, the gap rules, the suggestions and the effectiveness report.
 */
export class AssignmentSummaries {
  constructor(
    private readonly groups: GroupSessionRepository,
    private readonly oneOnOnes: OneOnOneRepository,
    private readonly peers: PeerCoachRepository,
    private readonly assessmentService: AssessmentService,
  ) {}

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

  /** The summaries of one participant, for a caller who may read the participant. */
  async participantAssignments(principal: Principal, participantId: string): Promise<AssignmentSummary[]> {
    await this.assessmentService.readableParticipant(principal, participantId);
    return this.summariesFor(participantId);
  }
}
