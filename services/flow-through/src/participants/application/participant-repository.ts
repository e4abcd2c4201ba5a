import type { ReadScope } from '@stapsteen/auth';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { ParticipantState } from '../domain/participant';

/**
 * Which participants a list returns: those inside a read scope (`readScopeOf` in libs/auth), and
 * of one coach when `coachId` is given. A typed query: the adapter turns it into its own filter.
 */
export interface ParticipantQuery {
  scope: ReadScope;
  coachId?: string;
}

export interface ParticipantPageRequest {
  limit: number;
  offset: number;
}

export interface ParticipantRepository {
  /** Stores a new participant and its events in one write; a second insert of the same id fails. */
  insert(participant: ParticipantState, outbox: OutboxEntry[]): Promise<void>;
  findById(id: string): Promise<ParticipantState | null>;
  /** The participant with the version a later `update` must still find. */
  load(id: string): Promise<{ participant: ParticipantState; version: number } | null>;
  /**
   * Writes the new state and appends its events as the step from `expectedVersion` to the next
   * version, only if nobody took that step, in this process or another (ADR 18); false otherwise.
   */
  update(participant: ParticipantState, expectedVersion: number, outbox: OutboxEntry[]): Promise<boolean>;
  /** A page of the participants the query selects, newest enrolment first (then by id), and how many there are. */
  list(query: ParticipantQuery, page: ParticipantPageRequest): Promise<{ items: ParticipantState[]; total: number }>;
  /** Participants whose last trajectory ended and whose personal data is still kept, for the retention check. */
  listEnded(): Promise<ParticipantState[]>;
}

export const PARTICIPANT_REPOSITORY = Symbol('PARTICIPANT_REPOSITORY');
