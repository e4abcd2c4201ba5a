import { Principal, assertCanWriteOrganisation, canAccess } from '@stapsteen/auth';
import { aggregateKey } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import { DomainFact, stampForOutbox } from '@stapsteen/messaging';
import type { ParticipantState } from '../domain/participant';
import type { ParticipantRepository } from './participant-repository';

const MAX_ATTEMPTS = 5;

/** The collection name is part of the lock key shared with the outbox relay. */
export const PARTICIPANTS_COLLECTION = 'participants';

export type Serialize = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/** Who changes the participant: a user within their scope, or the system (retention). */
export type Actor = { kind: 'user'; principal: Principal } | { kind: 'system' };

/**
 * Every change of a participant: under the per-participant lock, re-read, let the domain decide,
 * write the state and its events in one conditional write, retry if someone else got there first.
 */
export class ParticipantWriter {
  constructor(
    private readonly participants: ParticipantRepository,
    private readonly serialize: Serialize = (_key, work) => work(),
    private readonly onStored: (participantId: string) => void = () => undefined,
    /**
     * After every stored change, with or without events (a plan or an evaluation has none): what
     * depends on the participant's whole state, such as the time-based alerts, looks again.
     */
    private readonly afterChange: (participantId: string) => Promise<void> = async () => undefined,
  ) {}

  async change(
    actor: Actor,
    participantId: string,
    decide: (participant: ParticipantState) => { state: ParticipantState; events: DomainFact[] },
  ): Promise<ParticipantState> {
    const state = await this.store(actor, participantId, decide);
    // Outside the participant's lock: the follow-up work reads the stored state and needs no lock of its own.
    await this.afterChange(participantId);
    return state;
  }

  private store(
    actor: Actor,
    participantId: string,
    decide: (participant: ParticipantState) => { state: ParticipantState; events: DomainFact[] },
  ): Promise<ParticipantState> {
    return this.serialize(aggregateKey(PARTICIPANTS_COLLECTION, participantId), async () => {
      for (let attempt = 1; ; attempt++) {
        const loaded = await this.participants.load(participantId);
        if (!loaded || (actor.kind === 'user' && !canAccess(actor.principal, loaded.participant))) {
          throw new DomainError(
            'PARTICIPANT.NOT_FOUND',
            'not-found',
            'There is no such participant in your organisations.',
          );
        }
        if (actor.kind === 'user') assertCanWriteOrganisation(actor.principal, loaded.participant.organisationId);
        const { state, events } = decide(loaded.participant);
        if (await this.participants.update(state, loaded.version, stampForOutbox(events, 'flow-through'))) {
          if (events.length > 0) this.onStored(participantId);
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
    });
  }
}
