import { isInReadScope } from '@stapsteen/auth';
import type { OutboxEntry } from '@stapsteen/messaging';
import type {
  ParticipantPageRequest,
  ParticipantQuery,
  ParticipantRepository,
} from '../src/participants/application/participant-repository';
import type { ParticipantState } from '../src/participants/domain/participant';

/**
 * A versioned in-memory participant store with the repository's semantics; the shared contract
 * (`participant-repository-contract.ts`) holds it and the MongoDB adapter to the same behaviour.
 */
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

  async list(query: ParticipantQuery, page: ParticipantPageRequest) {
    const selected = [...this.documents.values()]
      .map((d) => d.participant)
      .filter((p) => isInReadScope(query.scope, p) && (query.coachId === undefined || p.coachId === query.coachId))
      .sort((a, b) => b.enrolledOn.localeCompare(a.enrolledOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { items: selected.slice(page.offset, page.offset + page.limit), total: selected.length };
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
