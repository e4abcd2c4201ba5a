import { DomainError } from '@stapsteen/errors';
import type { ParticipantState } from './participant';
import type { Destination, Trajectory } from './trajectory';

export * from './plan-model';
import {
  FlowThroughPlan,
  MAX_PURPOSE,
  MAX_REASON,
  MAX_REFERRALS,
  MAX_STEPS,
  MAX_STEP_DESCRIPTION,
  PartnerReferral,
  PlanStep,
  ReferralStatus,
  ReferralUpdate,
} from './plan-model';

export interface PlanStepInput {
  id?: string;
  description: string;
  dueOn: string;
  doneOn?: string | null;
}

/** Which status may follow which: refused and done are final. */
const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  SENT: ['ACCEPTED', 'REFUSED', 'DONE'],
  ACCEPTED: ['DONE', 'REFUSED'],
  REFUSED: [],
  DONE: [],
};

export const EMPTY_PLAN: FlowThroughPlan = {
  targetDestination: null,
  steps: [],
  referrals: [],
  updatedOn: null,
  updatedBy: null,
};

function refuse(code: string, message: string, facts: Record<string, unknown> = {}): never {
  throw new DomainError(code, 'rule-violation', message, facts);
}

function invalid(code: string, message: string, facts: Record<string, unknown> = {}): never {
  throw new DomainError(code, 'validation', message, facts);
}

/** The trajectory a plan belongs to: the current one, while it has not ended. */
export function plannableTrajectory(participant: ParticipantState): Trajectory {
  if (participant.anonymisedAt) refuse('PARTICIPANT.ERASED', 'This participant’s personal data has been erased.');
  const current = participant.trajectories.at(-1)!;
  if (current.status === 'ENDED') {
    refuse('PLAN.TRAJECTORY_ENDED', 'The trajectory has ended; its plan can no longer change.', {
      currentStatus: current.status,
    });
  }
  return current;
}

export function planOf(trajectory: Trajectory): FlowThroughPlan {
  return trajectory.plan ?? EMPTY_PLAN;
}

/** Whether the plan says where the participant is heading: what the "ending without a plan" alert asks. */
export function hasTargetDestination(trajectory: Trajectory): boolean {
  return Boolean(trajectory.plan?.targetDestination);
}

function withPlan(participant: ParticipantState, trajectory: Trajectory, plan: FlowThroughPlan): ParticipantState {
  return { ...participant, trajectories: [...participant.trajectories.slice(0, -1), { ...trajectory, plan }] };
}

/**
 * Replaces the target destination and the steps; referrals are kept (they have their own history).
 * A step without an id gets a new one; done dates cannot lie in the future.
 */
export function savePlan(
  participant: ParticipantState,
  input: { targetDestination: Destination | null; steps: PlanStepInput[] },
  by: string,
  today: string,
  newId: () => string,
): { state: ParticipantState; events: [] } {
  const trajectory = plannableTrajectory(participant);
  if (input.steps.length > MAX_STEPS) invalid('PLAN.TOO_MANY_STEPS', `A plan has at most ${MAX_STEPS} steps.`);
  const seen = new Set<string>();
  const steps = input.steps.map((step): PlanStep => {
    const description = step.description.trim();
    if (!description || description.length > MAX_STEP_DESCRIPTION) {
      invalid('PLAN.STEP_DESCRIPTION_INVALID', `A step is described in 1 to ${MAX_STEP_DESCRIPTION} characters.`, {
        maximum: MAX_STEP_DESCRIPTION,
      });
    }
    const id = step.id ?? newId();
    if (seen.has(id)) invalid('PLAN.DUPLICATE_STEP_ID', 'Two steps have the same id.', { id });
    seen.add(id);
    const doneOn = step.doneOn ?? null;
    if (doneOn !== null && doneOn > today) {
      refuse('PLAN.DATE_IN_FUTURE', 'A step cannot be done on a future date.', { today });
    }
    return { id, description, dueOn: step.dueOn, doneOn };
  });
  const plan: FlowThroughPlan = {
    ...planOf(trajectory),
    targetDestination: input.targetDestination,
    steps,
    updatedOn: today,
    updatedBy: by,
  };
  return { state: withPlan(participant, trajectory, plan), events: [] };
}

/** Sends the participant to a partner organisation (checked to exist by the caller). */
export function sendReferral(
  participant: ParticipantState,
  input: { id: string; partnerOrganisationId: string; purpose: string; sentOn: string },
  by: string,
  today: string,
): { state: ParticipantState; events: [] } {
  const trajectory = plannableTrajectory(participant);
  const plan = planOf(trajectory);
  const purpose = input.purpose.trim();
  if (!purpose || purpose.length > MAX_PURPOSE) {
    invalid('PLAN.PURPOSE_INVALID', `The purpose is 1 to ${MAX_PURPOSE} characters.`, { maximum: MAX_PURPOSE });
  }
  if (input.sentOn > today) refuse('PLAN.DATE_IN_FUTURE', 'A referral cannot be sent on a future date.', { today });
  if (input.sentOn < trajectory.referredOn) {
    refuse('PLAN.DATE_BEFORE_TRAJECTORY', `A referral cannot lie before ${trajectory.referredOn}.`, {
      earliest: trajectory.referredOn,
    });
  }
  if (plan.referrals.length >= MAX_REFERRALS) {
    refuse('PLAN.TOO_MANY_REFERRALS', `A trajectory has at most ${MAX_REFERRALS} referrals.`);
  }
  const referral: PartnerReferral = {
    id: input.id,
    partnerOrganisationId: input.partnerOrganisationId,
    purpose,
    sentOn: input.sentOn,
    status: 'SENT',
    history: [{ status: 'SENT', on: input.sentOn, by, reason: null }],
  };
  return {
    state: withPlan(participant, trajectory, {
      ...plan,
      referrals: [...plan.referrals, referral],
      updatedOn: today,
      updatedBy: by,
    }),
    events: [],
  };
}

/** Moves a referral on: SENT → ACCEPTED | REFUSED | DONE, ACCEPTED → DONE | REFUSED; the history keeps each. */
export function updateReferral(
  participant: ParticipantState,
  referralId: string,
  input: { status: ReferralUpdate; on: string; reason?: string | null },
  by: string,
  today: string,
): { state: ParticipantState; events: [] } {
  const trajectory = plannableTrajectory(participant);
  const plan = planOf(trajectory);
  const referral = plan.referrals.find((r) => r.id === referralId);
  if (!referral) {
    throw new DomainError('PLAN.REFERRAL_NOT_FOUND', 'not-found', 'There is no such referral in this trajectory.');
  }
  if (!NEXT[referral.status].includes(input.status)) {
    refuse('PLAN.REFERRAL_INVALID_TRANSITION', `A referral that is ${referral.status} cannot become ${input.status}.`, {
      currentStatus: referral.status,
      allowed: NEXT[referral.status],
    });
  }
  if (input.on > today) refuse('PLAN.DATE_IN_FUTURE', 'A status cannot be dated in the future.', { today });
  const last = referral.history.at(-1)!;
  if (input.on < last.on) {
    refuse('PLAN.DATE_BEFORE_PREVIOUS_STATUS', `This status cannot lie before ${last.on}.`, { earliest: last.on });
  }
  const reason = input.reason?.trim() || null;
  if (reason !== null && reason.length > MAX_REASON) {
    invalid('PLAN.REASON_TOO_LONG', `A reason has at most ${MAX_REASON} characters.`, { maximum: MAX_REASON });
  }
  const next: PartnerReferral = {
    ...referral,
    status: input.status,
    history: [...referral.history, { status: input.status, on: input.on, by, reason }],
  };
  return {
    state: withPlan(participant, trajectory, {
      ...plan,
      referrals: plan.referrals.map((r) => (r.id === referralId ? next : r)),
      updatedOn: today,
      updatedBy: by,
    }),
    events: [],
  };
}
