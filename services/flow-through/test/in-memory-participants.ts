import type { OutboxEntry } from '@stapsteen/messaging';
import type { ParticipantRepository } from '../src/participants/application/participant-repository';
import type { ParticipantState } from '../src/participants/domain/participant';

/** A versioned in-memory participant store with the repository's conditional-write semantics. */
export class InMemoryParticipants implements ParticipantRepository {
  readonly documents = new Map<string, { participant: ParticipantState; version: number; outbox: OutboxEntry[] }>();

  async insert(participant: ParticipantState, outbox: OutboxEntry[]) {
    if (this.documents.has(participant.id)) throw new Error('duplicate id');
    this.documents.set(participant.id, { participant, version: 1, outbox: [...outbox] });
  }

  async findById(id: string) {
    return this.documents.get(id)?.participant ?? null;
  }

  async load(id: string) {
    const document = this.documents.get(id);
    return document ? { participant: document.participant, version: document.version } : null;
  }

  async update(participant: ParticipantState, expectedVersion: number, outbox: OutboxEntry[]) {
    const document = this.documents.get(participant.id);
    if (!document || document.version !== expectedVersion) return false;
    this.documents.set(participant.id, {
      participant,
      version: expectedVersion + 1,
      outbox: [...document.outbox, ...outbox],
    });
    return true;
  }

  async list() {
    const items = [...this.documents.values()].map((d) => d.participant);
    return { items, total: items.length };
  }

  async listEnded() {
    return [...this.documents.values()]
      .map((d) => d.participant)
      .filter((p) => !p.anonymisedAt && p.trajectories.at(-1)?.status === 'ENDED');
  }

  outboxOf(id: string): OutboxEntry[] {
    return this.documents.get(id)?.outbox ?? [];
  }
}
