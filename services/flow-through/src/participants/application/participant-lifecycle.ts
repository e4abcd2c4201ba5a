import type { Principal } from '@stapsteen/auth';
import type { Clock } from '../../shared/clock';
import type { ParticipantState } from '../domain/participant';
import {
  ParticipantChanges,
  anonymiseParticipant,
  changeParticipant,
  dueForAnonymisation,
} from '../domain/participant-changes';
import type { ParticipantRepository } from './participant-repository';
import type { ParticipantWriter } from './participant-writer';

/** Updates, erasure on request, and erasure when the retention period has passed. */
export class ParticipantLifecycle {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly participants: ParticipantRepository,
    private readonly clock: Clock,
    private readonly retentionYears: number,
  ) {}

  update(principal: Principal, participantId: string, changes: ParticipantChanges): Promise<ParticipantState> {
    return this.writer.change({ kind: 'user', principal }, participantId, (p) => changeParticipant(p, changes));
  }

  erase(principal: Principal, participantId: string): Promise<ParticipantState> {
    return this.writer.change({ kind: 'user', principal }, participantId, (p) =>
      anonymiseParticipant(p, this.clock.now().toISOString()),
    );
  }

  /** Returns how many participants it anonymised. */
  async anonymiseExpired(): Promise<number> {
    const today = this.clock.today();
    let count = 0;
    for (const participant of await this.participants.listEnded()) {
      if (!dueForAnonymisation(participant, today, this.retentionYears)) continue;
      await this.writer.change({ kind: 'system' }, participant.id, (p) =>
        anonymiseParticipant(p, this.clock.now().toISOString()),
      );
      count += 1;
    }
    return count;
  }
}
