import { Principal, assertCanWriteOrganisation, canAccess } from '@stapsteen/auth';
import { Serialize, aggregateKey, readDecideWrite } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import { DomainFact, stampForOutbox } from '@stapsteen/messaging';
import type { ParticipantState } from '../domain/participant';
import type { ParticipantRepository } from './participant-repository';

/** The collection name is part of the lock key shared with the outbox relay. */
export const PARTICIPANTS_COLLECTION = 'participants';

/** Who changes the participant: a user within their scope, or the system (retention). */
export type Actor = { kind: 'user'; principal: Principal } | { kind: 'system' };

/**
 * Every change of a participant, through the one read-decide-write loop (`readDecideWrite`): under
 * the per-participant lock of this process, read, let the domain decide, write the state and its
 * events as one claimed version step (ADR 18), and read again if another writer, in this process
 * or another instance, took the step first.
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

  private async store(
    actor: Actor,
    participantId: string,
    decide: (participant: ParticipantState) => { state: ParticipantState; events: DomainFact[] },
  ): Promise<ParticipantState> {
    let events: DomainFact[] = [];
    const state = await readDecideWrite<ParticipantState, ParticipantState, ParticipantState>({
      key: aggregateKey(PARTICIPANTS_COLLECTION, participantId),
      serialize: this.serialize,
      load: async () => {
        const loaded = await this.participants.load(participantId);
        return loaded && { value: loaded.participant, version: loaded.version };
      },
      decide: (loaded) => {
        if (!loaded || (actor.kind === 'user' && !canAccess(actor.principal, loaded.value))) {
          throw new DomainError(
            'PARTICIPANT.NOT_FOUND',
            'not-found',
            'There is no such participant in your organisations.',
          );
        }
        if (actor.kind === 'user') assertCanWriteOrganisation(actor.principal, loaded.value.organisationId);
        const decided = decide(loaded.value);
        events = decided.events;
        return { next: decided.state, result: decided.state };
      },
      // A participant is created by enrolment only (`insert` of the repository, its own unique id).
      insert: async () => false,
      // Claims the version step (ADR 18): one writer per version across every instance.
      update: (next, expectedVersion) =>
        this.participants.update(next, expectedVersion, stampForOutbox(events, 'flow-through')),
      busy: () =>
        new DomainError(
          'PARTICIPANT.CHANGED_MEANWHILE',
          'conflict',
          'Someone else changed this participant; try again.',
        ),
    });
    if (events.length > 0) this.onStored(participantId);
    return state;
  }
}
