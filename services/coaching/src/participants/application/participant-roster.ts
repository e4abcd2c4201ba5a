import type { ReadScope } from '@stapsteen/auth';
import type { EventEnvelope } from '@stapsteen/contracts';
import type { RosterEntryBase } from '@stapsteen/participant-roster';

export interface TrajectoryWindow {
  trajectoryId: string;
  startedOn: string | null;
  endedOn: string | null;
}

/** The hours service's low-hours flag as last reported: raised by a flagged month, lowered by a cleared one. */
export interface LowHoursState {
  flagged: boolean;
  month: string;
  severity: string | null;
}

/**
 * What coaching knows about a participant: a projection of flow-through's events
 * (libs/participant-roster) and, coaching's own field, hours' low-hours flag.
 */
export interface RosterEntry extends RosterEntryBase {
  trajectories: TrajectoryWindow[];
  lowHours: LowHoursState | null;
}

export interface ParticipantRoster {
  /** Applies an event once; returns false when it was applied before (a redelivery) or is not for us. */
  apply(envelope: EventEnvelope<unknown>): Promise<boolean>;
  /** The known, not erased participants inside a read scope, by name. */
  list(scope: ReadScope): Promise<RosterEntry[]>;
  findById(participantId: string): Promise<RosterEntry | null>;
  /** Every known participant id, for the periodic gap evaluation. */
  ids(): Promise<string[]>;
  /** The region of an organisation, as its participants' events tell it; null when none is known. */
  regionOf(organisationId: string): Promise<string | null>;
  /** Whether the participant was erased (right to erasure). */
  isErased(participantId: string): Promise<boolean>;
}

export const PARTICIPANT_ROSTER = Symbol('PARTICIPANT_ROSTER');

/** The trajectory that is running now: started and not ended. */
export function activeTrajectory(entry: Pick<RosterEntry, 'trajectories'>): TrajectoryWindow | null {
  return entry.trajectories.filter((t) => t.startedOn !== null && t.endedOn === null).at(-1) ?? null;
}
