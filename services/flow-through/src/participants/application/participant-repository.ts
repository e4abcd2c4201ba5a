import type { OutboxEntry } from '@stapsteen/messaging';
import type { ParticipantState } from '../domain/participant';

export interface ParticipantRepository {
  /** Stores a new participant and its events in one write; a second insert of the same id fails. */
  insert(participant: ParticipantState, outbox: OutboxEntry[]): Promise<void>;
  findById(id: string): Promise<ParticipantState | null>;
  /** The participant with the version a later `update` must still find. */
  load(id: string): Promise<{ participant: ParticipantState; version: number } | null>;
  /** Writes the new state and appends its events, only if nobody changed it since `expectedVersion`. */
  update(participant: ParticipantState, expectedVersion: number, outbox: OutboxEntry[]): Promise<boolean>;
  list(
    scope: object,
    options: { limit: number; offset: number },
  ): Promise<{ items: ParticipantState[]; total: number }>;
  /** Participants whose personal data is still kept, for the retention check. */
  listEnded(): Promise<ParticipantState[]>;
}

export const PARTICIPANT_REPOSITORY = Symbol('PARTICIPANT_REPOSITORY');
