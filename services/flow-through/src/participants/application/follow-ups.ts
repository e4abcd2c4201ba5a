import type { Principal } from '@stapsteen/auth';
import type { Clock } from '../../shared/clock';
import {
  FollowUpCheckpointView,
  FollowUpInput,
  FollowUpPolicy,
  exitedTrajectory,
  followUpCheckpoints,
  recordFollowUp,
} from '../domain/follow-up';
import type { ParticipantRepository } from './participant-repository';
import type { ParticipantWriter } from './participant-writer';
import { visibleParticipant } from './visible-participant';

export interface FollowUpOverview {
  trajectoryId: string | null;
  exitOn: string | null;
  checkpoints: FollowUpCheckpointView[];
}

/** The ESF+ / Flemish follow-up after exit: what is due, what was recorded, and recording it. */
export class FollowUpsHandler {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly participants: ParticipantRepository,
    private readonly clock: Clock,
    private readonly policy: FollowUpPolicy,
  ) {}

  async overview(principal: Principal, participantId: string): Promise<FollowUpOverview> {
    const participant = await visibleParticipant(this.participants, principal, participantId);
    const exited = exitedTrajectory(participant);
    if (!exited) return { trajectoryId: null, exitOn: null, checkpoints: [] };
    return {
      trajectoryId: exited.id,
      exitOn: exited.endedOn,
      checkpoints: followUpCheckpoints(exited, this.clock.today(), this.policy),
    };
  }

  async record(principal: Principal, participantId: string, input: FollowUpInput): Promise<FollowUpOverview> {
    await this.writer.change({ kind: 'user', principal }, participantId, (participant) =>
      recordFollowUp(participant, input, principal.userId, this.clock.today(), this.policy),
    );
    return this.overview(principal, participantId);
  }
}
