import type { ReadScope } from '@stapsteen/auth';
import type { EventEnvelope } from '@stapsteen/contracts';
import type { RosterEntryBase } from '@stapsteen/participant-roster';
import type { TrajectoryWindow } from '../../prestations/domain/eligibility';

/**
 * What hours knows about a participant: a projection of flow-through's participant events
 * (libs/participant-roster), with hours' own fields.
 */
export interface RosterEntry extends RosterEntryBase {
  monthlyHoursTarget: number | null;
  exPwa: boolean;
  /** With their suspensions: a suspended trajectory counts no hours (prestations/domain/eligibility.ts). */
  trajectories: TrajectoryWindow[];
}

/**
 * Which participants a list returns: one organisation's (the service's own work: the month grid,
 * a close, an import), or those a reader may see.
 */
export type RosterQuery = { organisationId: string } | { scope: ReadScope };

export interface ParticipantRoster {
  /** Applies an event once; returns false when it was applied before (a redelivery). */
  apply(envelope: EventEnvelope<unknown>): Promise<boolean>;
  /** The participants the query selects, erased ones left out, ordered by display name. */
  list(query: RosterQuery): Promise<RosterEntry[]>;
  /** A participant by id; null when unknown or erased. */
  findById(participantId: string): Promise<RosterEntry | null>;
  /** The organisations that have participants. */
  organisations(): Promise<string[]>;
}

export const PARTICIPANT_ROSTER = Symbol('PARTICIPANT_ROSTER');
