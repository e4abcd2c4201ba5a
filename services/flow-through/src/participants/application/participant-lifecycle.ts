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

  /**
   * Returns how many participants it anonymised. Every instance runs this: the decision is taken
   * again on the participant as it is at the write, so one that another instance (or a user)
   * anonymised, or that was referred again, since the list was read is left alone.
   */
  async anonymiseExpired(): Promise<number> {
    const today = this.clock.today();
    let count = 0;
    for (const participant of await this.participants.listEnded()) {
      if (!dueForAnonymisation(participant, today, this.retentionYears)) continue;
      try {
        await this.writer.change({ kind: 'system' }, participant.id, (p) => {
          if (!dueForAnonymisation(p, today, this.retentionYears)) throw new NoLongerDue();
          return anonymiseParticipant(p, this.clock.now().toISOString());
        });
        count += 1;
      } catch (error) {
        if (!(error instanceof NoLongerDue)) throw error;
      }
    }
    return count;
  }
}

/** The participant changed between the list and the write: nothing to anonymise any more. */
class NoLongerDue extends Error {}
