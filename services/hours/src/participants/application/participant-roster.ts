import type { EventEnvelope } from '@stapsteen/contracts';
import type { TrajectoryWindow } from '../../prestations/domain/eligibility';

/** What hours knows about a participant: a projection of flow-through's participant events. */
export interface RosterEntry {
  participantId: string;
  organisationId: string;
  regionId: string;
  displayName: string;
  coachId: string | null;
  monthlyHoursTarget: number | null;
  exPwa: boolean;
  trajectories: TrajectoryWindow[];
}

export interface ParticipantRoster {
  /** Applies an event once; returns false when it was applied before (a redelivery). */
  apply(envelope: EventEnvelope<unknown>): Promise<boolean>;
  list(scope: object): Promise<RosterEntry[]>;
  findById(participantId: string): Promise<RosterEntry | null>;
  /** The organisations that have participants. */
  organisations(): Promise<string[]>;
}

export const PARTICIPANT_ROSTER = Symbol('PARTICIPANT_ROSTER');
