import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { ReadScope } from '@stapsteen/auth';
import { WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import type { Connection } from 'mongoose';
import { VersionedCollection } from '../../shared/infrastructure/versioned-collection';
import { readScopeFilter } from '@stapsteen/auth';
import type {
  GroupSessionRepository,
  OneOnOneQuery,
  OneOnOneRepository,
  PeerCoachRepository,
} from '../application/ports';
import type { GroupSession } from '../domain/group-session';
import type { OneOnOne } from '../domain/one-on-one';
import type { PeerCoach } from '../domain/peer';

export const GROUP_SESSIONS_COLLECTION = 'group_sessions';
export const ONE_ON_ONES_COLLECTION = 'one_on_ones';
export const PEER_COACHES_COLLECTION = 'peer_coaches';

/** A group session with its enrolments and waiting list: capacity is an invariant of this one document. */
@Injectable()
export class MongoGroupSessions
  extends VersionedCollection<GroupSession>
  implements GroupSessionRepository, OnModuleInit
{
  constructor(@InjectConnection() connection: Connection, @Inject(WRITE_GUARD) guard: WriteGuard) {
    super(connection, GROUP_SESSIONS_COLLECTION, guard);
  }

  async onModuleInit(): Promise<void> {
    // The organisation's sessions by date.
    await this.collection.createIndex({ organisationId: 1, date: 1 });
    // A participant's group coaching, for the gap rules.
    await this.collection.createIndex({ 'enrolments.participantId': 1 });
  }

  list(scope: ReadScope): Promise<GroupSession[]> {
    return this.find(readScopeFilter(scope));
  }

  forParticipant(participantId: string): Promise<GroupSession[]> {
    return this.find({ 'enrolments.participantId': participantId });
  }
}

@Injectable()
export class MongoOneOnOnes extends VersionedCollection<OneOnOne> implements OneOnOneRepository, OnModuleInit {
  constructor(@InjectConnection() connection: Connection, @Inject(WRITE_GUARD) guard: WriteGuard) {
    super(connection, ONE_ON_ONES_COLLECTION, guard);
  }

  async onModuleInit(): Promise<void> {
    // A participant's coaching, for the gap rules and the participant's page.
    await this.collection.createIndex({ participantId: 1 });
    // A coach's caseload.
    await this.collection.createIndex({ coachId: 1, status: 1 });
  }

  list(query: OneOnOneQuery): Promise<OneOnOne[]> {
    const where: Record<string, unknown> = readScopeFilter(query.scope);
    if (query.participantId !== undefined) where.participantId = query.participantId;
    if (query.coachId !== undefined) where.coachId = query.coachId;
    return this.find(where);
  }

  forParticipant(participantId: string): Promise<OneOnOne[]> {
    return this.find({ participantId });
  }
}

/** A peer coach with all their pairs, so the limit on active coachees is an invariant of one document. */
@Injectable()
export class MongoPeerCoaches extends VersionedCollection<PeerCoach> implements PeerCoachRepository, OnModuleInit {
  constructor(@InjectConnection() connection: Connection, @Inject(WRITE_GUARD) guard: WriteGuard) {
    super(connection, PEER_COACHES_COLLECTION, guard);
  }

  async onModuleInit(): Promise<void> {
    // A coachee's pairs, for the gap rules.
    await this.collection.createIndex({ 'pairs.coacheeId': 1 });
    // Ending or logging a pair by its id.
    await this.collection.createIndex({ 'pairs.id': 1 });
    // Peer suggestions: the load of every peer coach of an organisation.
    await this.collection.createIndex({ organisationId: 1 });
  }

  forCoachee(participantId: string): Promise<PeerCoach[]> {
    return this.find({ 'pairs.coacheeId': participantId });
  }

  forOrganisation(organisationId: string): Promise<PeerCoach[]> {
    return this.find({ organisationId });
  }

  async locatePair(pairId: string): Promise<string | null> {
    const document = await this.collection.findOne({ 'pairs.id': pairId } as object, { projection: { _id: 1 } });
    return document ? String(document._id) : null;
  }
}
