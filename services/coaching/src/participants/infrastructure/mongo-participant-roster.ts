import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { ReadScope } from '@stapsteen/auth';
import { WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import type { EventEnvelope } from '@stapsteen/contracts';
import { MongoRosterStore, RosterOptions } from '@stapsteen/participant-roster';
import type { Connection } from 'mongoose';
import type { LowHoursState, ParticipantRoster, RosterEntry } from '../application/participant-roster';

export { ROSTER_COLLECTION } from '@stapsteen/participant-roster';

/**
 * What coaching keeps beyond the common roster: what hours says about low hours (which may come
 * before the enrolment, so the flag carries organisation and region too). Lists stop at 5,000.
 */
export const COACHING_ROSTER: RosterOptions<RosterEntry> = {
  otherEvents: {
    'participant.low-hours-flagged': (data) => ({
      organisationId: data.organisationId,
      regionId: data.regionId,
      lowHours: { flagged: true, month: data.month, severity: data.severity },
    }),
    'participant.low-hours-cleared': (data) => ({ lowHours: { flagged: false, month: data.month, severity: null } }),
  },
  ownFields: (document) => ({ lowHours: (document.lowHours as LowHoursState | null | undefined) ?? null }),
  listLimit: 5000,
};

/**
 * Coaching's own copy of what flow-through says about participants and trajectories and what hours
 * says about low hours.
 */
@Injectable()
export class MongoParticipantRoster implements ParticipantRoster, OnModuleInit {
  private readonly store: MongoRosterStore<RosterEntry>;

  constructor(@InjectConnection() connection: Connection, @Inject(WRITE_GUARD) guard: WriteGuard) {
    this.store = new MongoRosterStore(connection, guard, COACHING_ROSTER);
  }

  onModuleInit(): Promise<void> {
    return this.store.createIndexes();
  }

  apply(envelope: EventEnvelope<unknown>): Promise<boolean> {
    return this.store.apply(envelope);
  }

  list(scope: ReadScope): Promise<RosterEntry[]> {
    return this.store.list({ scope });
  }

  findById(participantId: string): Promise<RosterEntry | null> {
    return this.store.findById(participantId);
  }

  ids(): Promise<string[]> {
    return this.store.ids();
  }

  regionOf(organisationId: string): Promise<string | null> {
    return this.store.regionOf(organisationId);
  }

  isErased(participantId: string): Promise<boolean> {
    return this.store.isErased(participantId);
  }
}
