import type { ReadScope } from '@stapsteen/auth';
import type { AggregateStore } from '../../shared/application/aggregate-writes';
import type { GroupSession } from '../domain/group-session';
import type { OneOnOne } from '../domain/one-on-one';
import type { PeerCoach } from '../domain/peer';

/**
 * The ports take typed queries, never database filters: a read scope (`readScopeOf`) and ids. Each
 * has an in-memory fake (test/in-memory-coaching.ts) held to the same contract as the MongoDB
 * adapter (test/contracts).
 */
export interface GroupSessionRepository extends AggregateStore<GroupSession> {
  /** The sessions inside a read scope (narrow it to one organisation with `readScopeOf`). */
  list(scope: ReadScope): Promise<GroupSession[]>;
  /** The sessions a participant ever asked a seat in (seated, waiting or cancelled). */
  forParticipant(participantId: string): Promise<GroupSession[]>;
}

/** Which one-on-one coaching to list: those inside a read scope, of one participant and/or one coach. */
export interface OneOnOneQuery {
  scope: ReadScope;
  participantId?: string;
  coachId?: string;
}

export interface OneOnOneRepository extends AggregateStore<OneOnOne> {
  list(query: OneOnOneQuery): Promise<OneOnOne[]>;
  forParticipant(participantId: string): Promise<OneOnOne[]>;
}

export interface PeerCoachRepository extends AggregateStore<PeerCoach> {
  forCoachee(participantId: string): Promise<PeerCoach[]>;
  forOrganisation(organisationId: string): Promise<PeerCoach[]>;
  /** The peer coach who holds a pair. */
  locatePair(pairId: string): Promise<string | null>;
}

export const GROUP_SESSION_REPOSITORY = Symbol('GROUP_SESSION_REPOSITORY');
export const ONE_ON_ONE_REPOSITORY = Symbol('ONE_ON_ONE_REPOSITORY');
export const PEER_COACH_REPOSITORY = Symbol('PEER_COACH_REPOSITORY');
