import type { Principal } from '@stapsteen/auth';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { ParticipantState } from '../domain/participant';
import type { TrajectoryPolicy } from '../domain/trajectory';
import { TrajectoryCommand, changeTrajectory } from '../domain/trajectory-commands';
import type { ParticipantWriter } from './participant-writer';

export type TrajectoryRequest = TrajectoryCommand extends infer C
  ? C extends { kind: 're-refer' }
    ? Omit<C, 'trajectoryId'>
    : C
  : never;

/** One step in a participant's trajectory. */
export class ChangeTrajectoryHandler {
  constructor(
    private readonly writer: ParticipantWriter,
    private readonly clock: Clock,
    private readonly policy: TrajectoryPolicy,
  ) {}

  execute(principal: Principal, participantId: string, request: TrajectoryRequest): Promise<ParticipantState> {
    const command: TrajectoryCommand =
      request.kind === 're-refer' ? { ...request, trajectoryId: randomUUID() } : request;
    return this.writer.change({ kind: 'user', principal }, participantId, (participant) =>
      changeTrajectory(participant, command, this.clock.today(), this.policy),
    );
  }
}
