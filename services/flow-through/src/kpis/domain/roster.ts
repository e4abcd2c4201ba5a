import type { Destination, DropOffReason, DropOffStage } from '@stapsteen/contracts';
import { birthYearBand } from './kpi-arithmetic';

/**
 * The KPI roster of one organisation: per participant the trajectory facts the figures need,
 * addressed by the organisation id so a region's dashboard reads one document per organisation
 * (ADR 6). Every fact is stored under its natural key (participant, trajectory, coaching
 * assignment) and set rather than added, so a redelivered event changes nothing and events of
 * different topics may arrive in any order.
 */
export interface TrajectoryFacts {
  startedOn: string | null;
  reReferral: boolean;
  endedOn: string | null;
  destination: Destination | null;
  positiveOutflow: boolean | null;
  dropOff: { stage: DropOffStage; reasonCode: DropOffReason; on: string } | null;
  /** The Flemish indicator: in paid work nine months after exit; null until recorded. */
  inWorkNineMonths: boolean | null;
}

export interface CoachingPeriod {
  startedOn: string;
  endedOn: string | null;
}

export interface RosterParticipant {
  /** The day of the (first) referral: the enrolment. Null while only later events were seen. */
  referredOn: string | null;
  /** Five-year band, never the birth date; null when unknown or erased. */
  birthYearBand: string | null;
  /** Keyed by trajectory id. */
  trajectories: Record<string, TrajectoryFacts>;
  /** Keyed by coaching assignment id. */
  coaching: Record<string, CoachingPeriod>;
}

export interface OrganisationRoster {
  _id: string;
  organisationId: string;
  /** Keyed by participant id, or by an anonymous key once the participant was erased. */
  participants: Record<string, RosterParticipant>;
  /**
   * One tombstone per erased participant: a keyed pseudonym of the participant id (never the id,
   * and nothing that leads to the anonymous key), so that an event about them that arrives after
   * the erasure (a redelivery, or a late event of another topic) is recognised and changes nothing
   * instead of bringing the participant back under their id. Absent until the first erasure.
   */
  erased?: Record<string, true>;
}

export function emptyRoster(organisationId: string): OrganisationRoster {
  return { _id: organisationId, organisationId, participants: {} };
}

const emptyParticipant = (): RosterParticipant => ({
  referredOn: null,
  birthYearBand: null,
  trajectories: {},
  coaching: {},
});

const emptyTrajectory = (): TrajectoryFacts => ({
  startedOn: null,
  reReferral: false,
  endedOn: null,
  destination: null,
  positiveOutflow: null,
  dropOff: null,
  inWorkNineMonths: null,
});

function withParticipant(
  roster: OrganisationRoster,
  participantId: string,
  change: (current: RosterParticipant) => RosterParticipant,
): OrganisationRoster {
  const current = roster.participants[participantId] ?? emptyParticipant();
  return { ...roster, participants: { ...roster.participants, [participantId]: change(current) } };
}

function withTrajectory(
  roster: OrganisationRoster,
  participantId: string,
  trajectoryId: string,
  change: (current: TrajectoryFacts) => TrajectoryFacts,
): OrganisationRoster {
  return withParticipant(roster, participantId, (participant) => ({
    ...participant,
    trajectories: {
      ...participant.trajectories,
      [trajectoryId]: change(participant.trajectories[trajectoryId] ?? emptyTrajectory()),
    },
  }));
}

export function recordReferral(
  roster: OrganisationRoster,
  participantId: string,
  referredOn: string,
  birthDate: string | null,
): OrganisationRoster {
  return withParticipant(roster, participantId, (p) => ({
    ...p,
    referredOn,
    birthYearBand: birthDate ? birthYearBand(birthDate) : p.birthYearBand,
  }));
}

export function recordStart(
  roster: OrganisationRoster,
  participantId: string,
  trajectoryId: string,
  startedOn: string,
  reReferral: boolean,
): OrganisationRoster {
  return withTrajectory(roster, participantId, trajectoryId, (t) => ({ ...t, startedOn, reReferral }));
}

export function recordEnd(
  roster: OrganisationRoster,
  participantId: string,
  trajectoryId: string,
  ended: { endedOn: string; destination: Destination; positiveOutflow: boolean },
): OrganisationRoster {
  return withTrajectory(roster, participantId, trajectoryId, (t) => ({ ...t, ...ended }));
}

export function recordDropOff(
  roster: OrganisationRoster,
  participantId: string,
  trajectoryId: string,
  dropOff: { stage: DropOffStage; reasonCode: DropOffReason; on: string; referredOn: string },
): OrganisationRoster {
  const { referredOn, ...facts } = dropOff;
  const withDrop = withTrajectory(roster, participantId, trajectoryId, (t) => ({ ...t, dropOff: facts }));
  // The drop-off names the referral day too; it fills the gap when the enrolment was not seen.
  return withParticipant(withDrop, participantId, (p) => ({ ...p, referredOn: p.referredOn ?? referredOn }));
}

export function recordNineMonthResult(
  roster: OrganisationRoster,
  participantId: string,
  trajectoryId: string,
  employed: boolean,
): OrganisationRoster {
  return withTrajectory(roster, participantId, trajectoryId, (t) => ({ ...t, inWorkNineMonths: employed }));
}

export function recordCoachingStart(
  roster: OrganisationRoster,
  participantId: string,
  assignmentId: string,
  startedOn: string,
): OrganisationRoster {
  return withParticipant(roster, participantId, (p) => ({
    ...p,
    coaching: { ...p.coaching, [assignmentId]: { startedOn, endedOn: p.coaching[assignmentId]?.endedOn ?? null } },
  }));
}

export function recordCoachingEnd(
  roster: OrganisationRoster,
  participantId: string,
  assignmentId: string,
  endedOn: string,
): OrganisationRoster {
  return withParticipant(roster, participantId, (p) => ({
    ...p,
    // An end seen before its start still closes the period; the start fills in its own day.
    coaching: { ...p.coaching, [assignmentId]: { startedOn: p.coaching[assignmentId]?.startedOn ?? endedOn, endedOn } },
  }));
}

/**
 * Erasure keeps the participant in the counts but cuts every link to the person: the facts move
 * to a fresh anonymous key (so the participant id no longer leads anywhere, not even to a
 * pseudonym in an export) and the birth-year band is dropped. Dates, outcomes and hours stay,
 * because they are what the published figures are made of. A second erasure finds nothing.
 */
export function eraseParticipant(
  roster: OrganisationRoster,
  participantId: string,
  anonymousKey: string,
  tombstone?: string,
): OrganisationRoster {
  const marked =
    tombstone === undefined || roster.erased?.[tombstone]
      ? roster
      : { ...roster, erased: { ...roster.erased, [tombstone]: true as const } };
  const facts = marked.participants[participantId];
  if (!facts) return marked;
  const participants = { ...marked.participants };
  delete participants[participantId];
  participants[anonymousKey] = { ...facts, birthYearBand: null };
  return { ...marked, participants };
}

/** Whether the participant whose tombstone this is was erased (see `OrganisationRoster.erased`). */
export function isErased(roster: OrganisationRoster | null, tombstone: string): boolean {
  return roster?.erased?.[tombstone] === true;
}

export const ANONYMOUS_KEY_PREFIX = 'erased-';
