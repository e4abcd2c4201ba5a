import { Principal, ReadScope, canAccess, canReadOrganisation, readScopeOf } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import type { AssessmentRepository } from '../../assessments/application/assessment-service';
import type { AssignmentSummaries } from '../../assignments/application/assignment-summaries';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import { AggregateStore, Serialize, changeAggregate, unserialised } from '../../shared/application/aggregate-writes';
import { Clock, brusselsDateOf } from '../../shared/application/clock';
import { DEFAULT_GAP_POLICY, wantedGaps } from '../domain/gap-rules';
import type { GapPolicies } from './gap-settings-service';
import { Gap, ParticipantGaps, reconcileGaps } from '../domain/participant-gaps';

/** One document per participant (`load(participantId)`); lists by typed queries, never database filters. */
export interface GapRepository extends AggregateStore<ParticipantGaps> {
  /** The documents of an organisation's participants. */
  forOrganisation(organisationId: string): Promise<ParticipantGaps[]>;
  /** The documents of the participants a coach is named on, inside a read scope. */
  forCoach(scope: ReadScope, coachId: string): Promise<ParticipantGaps[]>;
}

export const GAP_REPOSITORY = Symbol('GAP_REPOSITORY');

export type GapStatus = 'OPEN' | 'CLOSED' | 'ALL';

export interface GapView extends Gap {
  participantId: string;
  organisationId: string;
  regionId: string;
  coachId: string | null;
}

/** Opens and closes coaching gaps from the rules, on every relevant change and on a timer. */
export class GapService {
  constructor(
    private readonly gaps: GapRepository,
    private readonly roster: ParticipantRoster,
    private readonly assessments: AssessmentRepository,
    private readonly assignments: AssignmentSummaries,
    private readonly clock: Clock,
    /** The organisation's windows: each organisation may set its own (gap-settings). */
    private readonly policies: GapPolicies,
    private readonly serialize: Serialize = unserialised,
    private readonly onStored: () => void = () => undefined,
  ) {}

  async evaluate(participantIds: string[]): Promise<void> {
    for (const participantId of participantIds) await this.evaluateOne(participantId);
  }

  /** Every known participant: the rules that open by the passing of time (NO_BASELINE, STALLED…). */
  async evaluateAll(): Promise<number> {
    const ids = await this.roster.ids();
    await this.evaluate(ids);
    return ids.length;
  }

  /**
   * Facts are read inside a per-participant section, so an evaluation that read older facts can
   * never write after one that read newer ones.
   */
  private evaluateOne(participantId: string): Promise<void> {
    return this.serialize(`gap-evaluation:${participantId}`, () => this.evaluateNow(participantId));
  }

  private async evaluateNow(participantId: string): Promise<void> {
    const today = brusselsDateOf(this.clock.now());
    const participant = await this.roster.findById(participantId);
    const [assessments, assignments, policy] = participant
      ? await Promise.all([
          this.assessments.forParticipant(participantId),
          this.assignments.summariesFor(participantId),
          this.policies.forOrganisation(participant.organisationId),
        ])
      : [[], [], DEFAULT_GAP_POLICY];
    const wanted = wantedGaps(
      {
        today,
        participant: participant
          ? { trajectories: participant.trajectories, lowHoursFlagged: participant.lowHours?.flagged ?? false }
          : null,
        assessments,
        assignments,
      },
      policy,
    );
    const scope = participant
      ? { organisationId: participant.organisationId, regionId: participant.regionId, coachId: participant.coachId }
      : null;
    let stored = false;
    await changeAggregate(this.gaps, this.serialize, participantId, (current) => {
      if (!current && wanted.length === 0)
        return { next: current as unknown as ParticipantGaps, facts: [], result: undefined, skip: true };
      const { next, facts } = reconcileGaps(participantId, current, wanted, scope, today, randomUUID);
      stored = facts.length > 0;
      return { next, facts, result: undefined };
    });
    if (stored) this.onStored();
  }

  async forOrganisation(principal: Principal, organisationId: string, status: GapStatus): Promise<GapView[]> {
    const gaps = await this.gaps.forOrganisation(organisationId);
    if (
      !canReadOrganisation(
        principal,
        organisationId,
        gaps.map((gap) => gap.regionId),
      )
    ) {
      throw new DomainError(
        'COACHING.ORGANISATION_NOT_FOUND',
        'not-found',
        'There is no such organisation in your scope.',
      );
    }
    return this.view(gaps, status);
  }

  async forCoach(principal: Principal, coachId: string, status: GapStatus): Promise<GapView[]> {
    const scope = readScopeOf(principal);
    if (!scope) return [];
    return this.view(await this.gaps.forCoach(scope, coachId), status);
  }

  async forParticipant(principal: Principal, participantId: string, status: GapStatus): Promise<GapView[]> {
    const participant = await this.roster.findById(participantId);
    if (!participant || !canAccess(principal, participant)) {
      throw new DomainError(
        'COACHING.PARTICIPANT_NOT_FOUND',
        'not-found',
        'There is no such participant in your organisations.',
      );
    }
    const loaded = await this.gaps.load(participantId);
    return this.view(loaded ? [loaded.value] : [], status);
  }

  private view(documents: ParticipantGaps[], status: GapStatus): GapView[] {
    return documents
      .flatMap((document) =>
        document.gaps.map((gap) => ({
          ...gap,
          participantId: document.participantId,
          organisationId: document.organisationId,
          regionId: document.regionId,
          coachId: document.coachId,
        })),
      )
      .filter((gap) => status === 'ALL' || (status === 'OPEN' ? gap.closedOn === null : gap.closedOn !== null))
      .sort((a, b) => a.openedOn.localeCompare(b.openedOn));
  }
}
