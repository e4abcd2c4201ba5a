import type { AggregateStore } from '../../shared/application/aggregate-writes';
import type { GroupSession } from '../domain/group-session';
import type { OneOnOne } from '../domain/one-on-one';
import type { PeerCoach } from '../domain/peer';

export interface GroupSessionRepository extends AggregateStore<GroupSession> {
  list(scope: object, organisationId?: string): Promise<GroupSession[]>;
  forParticipant(participantId: string): Promise<GroupSession[]>;
}

export interface OneOnOneRepository extends AggregateStore<OneOnOne> {
  list(scope: object, filter: { participantId?: string; coachId?: string }): Promise<OneOnOne[]>;
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
