import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import type { EventEnvelope } from '@stapsteen/contracts';
import { MongoRosterStore, RosterOptions } from '@stapsteen/participant-roster';
import type { Connection } from 'mongoose';
import type { ParticipantRoster, RosterEntry, RosterQuery } from '../application/participant-roster';

/**
 * What hours keeps beyond the common roster: the monthly hours target and ex-PWA status the
 * organiser enrols with, and each trajectory's suspensions (no hours count while suspended).
 */
export const HOURS_ROSTER: RosterOptions<RosterEntry> = {
  participantFields: ['monthlyHoursTarget', 'exPwa'],
  suspensions: true,
  ownFields: (document) => ({
    monthlyHoursTarget: (document.monthlyHoursTarget as number | null | undefined) ?? null,
    exPwa: (document.exPwa as boolean | undefined) ?? false,
  }),
};

/** Hours' own copy of what flow-through says about participants and their trajectories. */
@Injectable()
export class MongoParticipantRoster implements ParticipantRoster, OnModuleInit {
  private readonly store: MongoRosterStore<RosterEntry>;

  constructor(@InjectConnection() connection: Connection, @Inject(WRITE_GUARD) guard: WriteGuard) {
    this.store = new MongoRosterStore(connection, guard, HOURS_ROSTER);
  }

  onModuleInit(): Promise<void> {
    return this.store.createIndexes();
  }

  apply(envelope: EventEnvelope<unknown>): Promise<boolean> {
    return this.store.apply(envelope);
  }

  list(query: RosterQuery): Promise<RosterEntry[]> {
    return this.store.list(query);
  }

  findById(participantId: string): Promise<RosterEntry | null> {
    return this.store.findById(participantId);
  }

  organisations(): Promise<string[]> {
    return this.store.organisations();
  }
}
