import { Principal, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { AssessmentRepository } from '../../assessments/application/assessment-service';
import type { AssignmentSummaries } from '../../assignments/application/assignment-summaries';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import { EffectivenessPolicy, EffectivenessRow, assertPeriod, effectivenessReport } from '../domain/effectiveness';

export interface EffectivenessReport {
  organisationId: string;
  from: string | null;
  to: string | null;
  minParticipants: number;
  rows: EffectivenessRow[];
}

const organisationNotFound = () =>
  new DomainError('COACHING.ORGANISATION_NOT_FOUND', 'not-found', 'There is no such organisation in your scope.');

/** Which modality works for which competency, and when in the trajectory: per organisation. */
export class EffectivenessService {
  constructor(
    private readonly roster: ParticipantRoster,
    private readonly assessments: AssessmentRepository,
    private readonly assignments: AssignmentSummaries,
    private readonly policy: EffectivenessPolicy,
  ) {}

  async report(
    principal: Principal,
    organisationId: string,
    from: string | null,
    to: string | null,
  ): Promise<EffectivenessReport> {
    assertPeriod(from, to);
    // Staff of the organisation, managers of its region, admins; anyone else learns nothing (404).
    const regionId = await this.roster.regionOf(organisationId);
    const reachable =
      canAccess(principal, { organisationId, regionId: regionId ?? '' }) &&
      (principal.role !== 'REGIONAL_MANAGER' || regionId !== null);
    if (!reachable) throw organisationNotFound();
    // Per-organisation reads: acceptable for a report (FerretDB v1 scans on anything but _id).
    const [assessments, assignments, participants] = await Promise.all([
      this.assessments.forOrganisation(organisationId),
      this.assignments.summariesForOrganisation(organisationId),
      this.roster.list({ organisationIds: [organisationId] }),
    ]);
    const trajectories = new Map(participants.map((p) => [p.participantId, p.trajectories]));
    return {
      organisationId,
      from,
      to,
      minParticipants: this.policy.minParticipants,
      rows: effectivenessReport({ from, to, assessments, assignments, trajectories }, this.policy),
    };
  }
}
