import type { Destination } from '@stapsteen/contracts';

/** The shape of a flow-through plan as stored on its trajectory (rules in ./plan). */
export const REFERRAL_STATUSES = ['SENT', 'ACCEPTED', 'REFUSED', 'DONE'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** The statuses a referral can be moved to by hand (SENT is where it starts). */
export const REFERRAL_UPDATES = ['ACCEPTED', 'REFUSED', 'DONE'] as const;
export type ReferralUpdate = (typeof REFERRAL_UPDATES)[number];

export const MAX_STEP_DESCRIPTION = 200;
export const MAX_STEPS = 50;
export const MAX_REFERRALS = 50;
export const MAX_PURPOSE = 200;
export const MAX_REASON = 200;

export interface PlanStep {
  id: string;
  description: string;
  dueOn: string;
  doneOn: string | null;
}

export interface ReferralHistoryEntry {
  status: ReferralStatus;
  on: string;
  by: string;
  reason: string | null;
}

/** A referral to a partner organisation (VDAB, OCMW, CAW, training provider, ...). */
export interface PartnerReferral {
  id: string;
  partnerOrganisationId: string;
  purpose: string;
  sentOn: string;
  status: ReferralStatus;
  /** Every status the referral had, oldest first; the last is the current one. */
  history: ReferralHistoryEntry[];
}

export interface FlowThroughPlan {
  targetDestination: Destination | null;
  steps: PlanStep[];
  referrals: PartnerReferral[];
  updatedOn: string | null;
  updatedBy: string | null;
}
