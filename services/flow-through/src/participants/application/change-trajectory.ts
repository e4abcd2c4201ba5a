import { Principal, assertCanWriteOrganisation, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { stampForOutbox } from '@stapsteen/messaging';
import { aggregateKey } from '@stapsteen/concurrency';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { ParticipantState } from '../domain/participant';
import type { TrajectoryPolicy } from '../domain/trajectory';
import { TrajectoryCommand, changeTrajectory } from '../domain/trajectory-commands';
import type { ParticipantRepository } from './participant-repository';

export type TrajectoryRequest = TrajectoryCommand extends infer C
  ? C extends { kind: 're-refer' }
    ? Omit<C, 'trajectoryId'>
    : C
  : never;

const MAX_ATTEMPTS = 5;

/** The collection name is part of the lock key shared with the outbox relay. */
export const PARTICIPANTS_COLLECTION = 'participants';

/** One step in a participant's trajectory, written with optimistic concurrency. */
export class ChangeTrajectoryHandler {
  constructor(
    private readonly participants: ParticipantRepository,
    private readonly clock: Clock,
    private readonly policy: TrajectoryPolicy,
    private readonly onStored: () => void = () => undefined,
    private readonly serialize: <T>(key: string, work: () => Promise<T>) => Promise<T> = (_key, work) => work(),
  ) {}

  async execute(principal: Principal, participantId: string, request: TrajectoryRequest): Promise<ParticipantState> {
    const command: TrajectoryCommand =
      request.kind === 're-refer' ? { ...request, trajectoryId: randomUUID() } : request;
    return this.serialize(aggregateKey(PARTICIPANTS_COLLECTION, participantId), () =>
      this.attempt(principal, participantId, command),
    );
  }

  private async attempt(
    principal: Principal,
    participantId: string,
    command: TrajectoryCommand,
  ): Promise<ParticipantState> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.participants.load(participantId);
      if (!loaded || !canAccess(principal, loaded.participant)) {
        throw new DomainError(
          'PARTICIPANT.NOT_FOUND',
          'not-found',
          'There is no such participant in your organisations.',
        );
      }
      assertCanWriteOrganisation(principal, loaded.participant.organisationId);
      const { state, events } = changeTrajectory(loaded.participant, command, this.clock.today(), this.policy);
      if (await this.participants.update(state, loaded.version, stampForOutbox(events, 'flow-through'))) {
        this.onStored();
        return state;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new DomainError(
          'PARTICIPANT.CHANGED_MEANWHILE',
          'conflict',
          'Someone else changed this participant; try again.',
        );
      }
    }
  }
}
