import type { Principal } from '@stapsteen/auth';
import type { Clock } from '../../shared/clock';
import { EvaluationOutcome, EvaluationSchedule, evaluationSchedule, recordEvaluation } from '../domain/evaluation';
import type { ParticipantState } from '../domain/participant';
import type { ParticipantRepository } from './participant-repository';
import type { ParticipantWriter } from './participant-writer';
import { visibleParticipant } from './visible-participant';

export interface EvaluationOverview extends EvaluationSchedule {
  trajectoryId: string;
}

/** The six-monthly evaluations of the current trajectory: when they come due and which were held. */
export class EvaluationsHandler {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly participants: ParticipantRepository,
    private readonly clock: Clock,
    private readonly intervalMonths: number,
  ) {}

  async overview(principal: Principal, participantId: string): Promise<EvaluationOverview> {
    const participant = await visibleParticipant(this.participants, principal, participantId);
    return this.overviewOf(participant);
  }

  async record(
    principal: Principal,
    participantId: string,
    input: { heldOn: string; outcome: EvaluationOutcome },
  ): Promise<EvaluationOverview> {
    const state = await this.writer.change({ kind: 'user', principal }, participantId, (participant) =>
      recordEvaluation(participant, input, principal.userId, this.clock.today()),
    );
    return this.overviewOf(state);
  }

  private overviewOf(participant: ParticipantState): EvaluationOverview {
    const trajectory = participant.trajectories.at(-1)!;
    return {
      trajectoryId: trajectory.id,
      ...evaluationSchedule(trajectory, this.clock.today(), this.intervalMonths),
    };
  }
}
