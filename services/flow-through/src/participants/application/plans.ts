import type { Principal } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import type { Clock } from '../../shared/clock';
import type { ParticipantState } from '../domain/participant';
import {
  FlowThroughPlan,
  PlanStepInput,
  ReferralUpdate,
  planOf,
  savePlan,
  sendReferral,
  updateReferral,
} from '../domain/plan';
import type { Destination } from '../domain/trajectory';
import type { ParticipantRepository } from './participant-repository';
import type { ParticipantWriter } from './participant-writer';
import { visibleParticipant } from './visible-participant';

export interface PlanOverview extends FlowThroughPlan {
  trajectoryId: string;
}

/** The flow-through plan of the current trajectory: target, steps and referrals to partners. */
export class PlansHandler {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly participants: ParticipantRepository,
    private readonly organisations: OrganisationDirectory,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  async get(principal: Principal, participantId: string): Promise<PlanOverview> {
    const participant = await visibleParticipant(this.participants, principal, participantId);
    return overviewOf(participant);
  }

  async save(
    principal: Principal,
    participantId: string,
    input: { targetDestination: Destination | null; steps: PlanStepInput[] },
  ): Promise<PlanOverview> {
    const state = await this.writer.change({ kind: 'user', principal }, participantId, (participant) =>
      savePlan(participant, input, principal.userId, this.clock.today(), this.newId),
    );
    return overviewOf(state);
  }

  async sendReferral(
    principal: Principal,
    participantId: string,
    input: { partnerOrganisationId: string; purpose: string; sentOn: string },
  ): Promise<PlanOverview> {
    // Check the caller may see the participant before saying anything about the partner.
    await this.get(principal, participantId);
    const partner = await this.organisations.findById(input.partnerOrganisationId);
    if (!partner || partner.kind === 'WIJK_WERK') {
      throw new DomainError(
        'PLAN.PARTNER_UNKNOWN',
        'rule-violation',
        'There is no partner organisation with this id in the directory.',
        { partnerOrganisationId: input.partnerOrganisationId },
      );
    }
    const id = this.newId();
    const state = await this.writer.change({ kind: 'user', principal }, participantId, (participant) =>
      sendReferral(participant, { ...input, id }, principal.userId, this.clock.today()),
    );
    return overviewOf(state);
  }

  async updateReferral(
    principal: Principal,
    participantId: string,
    referralId: string,
    input: { status: ReferralUpdate; on: string; reason?: string | null },
  ): Promise<PlanOverview> {
    const state = await this.writer.change({ kind: 'user', principal }, participantId, (participant) =>
      updateReferral(participant, referralId, input, principal.userId, this.clock.today()),
    );
    return overviewOf(state);
  }
}

function overviewOf(participant: ParticipantState): PlanOverview {
  const trajectory = participant.trajectories.at(-1)!;
  return { trajectoryId: trajectory.id, ...planOf(trajectory) };
}
