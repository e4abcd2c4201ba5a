import { isInReadScope } from '@stapsteen/auth';
import type { OutboxEntry } from '@stapsteen/messaging';
import {
  AlertInbox,
  InboxKey,
  inboxEntriesOf,
  type AlertRepository,
  AlertScopeQuery,
  AlertsOwner,
  StoreWrite,
  StoredParticipantAlerts,
} from '../src/alerts/application/alert-repository';
import type { Alert, ParticipantAlerts } from '../src/alerts/domain/alert';

/**
 * The alerts documents in memory, for unit tests of the alert and due-alert handlers. Also the
 * inbox read model, derived from the documents on each read (always in step, as the real one is
 * after each write).
 */
export class InMemoryAlerts implements AlertRepository, AlertInbox {
  readonly documents = new Map<string, StoredParticipantAlerts & { outbox: OutboxEntry[] }>();
  loads = 0;

  async load(participantId: string) {
    this.loads++;
    const d = this.documents.get(participantId);
    // A copy, as a database read would be.
    return d ? structuredClone({ state: d.state, version: d.version, appliedEventIds: d.appliedEventIds }) : null;
  }

  async insert(state: ParticipantAlerts, outbox: OutboxEntry[], appliedEventId: string | null) {
    await Promise.resolve();
    if (this.documents.has(state.participantId)) return false;
    const appliedEventIds = appliedEventId ? [appliedEventId] : [];
    this.documents.set(state.participantId, { state: structuredClone(state), version: 1, appliedEventIds, outbox });
    return true;
  }

  async update(state: ParticipantAlerts, expectedVersion: number, outbox: OutboxEntry[], eventId: string | null) {
    await Promise.resolve();
    const d = this.documents.get(state.participantId);
    if (!d || d.version !== expectedVersion) return false;
    d.state = structuredClone(state);
    d.version++;
    d.outbox.push(...outbox);
    if (eventId) d.appliedEventIds.push(eventId);
    return true;
  }

  async ensure(owner: AlertsOwner) {
    if (!this.documents.has(owner.participantId)) {
      this.documents.set(owner.participantId, {
        state: { ...owner, alerts: [] },
        version: 0,
        appliedEventIds: [],
        outbox: [],
      });
    }
  }

  async list(scope: AlertScopeQuery = {}) {
    return [...this.documents.values()]
      .map((d) => structuredClone(d.state))
      .filter((state) => isInReadScope(scope, state));
  }

  async read(keys: readonly InboxKey[]) {
    const wanted = new Set(keys);
    return [...this.documents.values()]
      .filter(({ state }) => wanted.has(`region:${state.regionId}`) || wanted.has(`org:${state.organisationId}`))
      .flatMap(({ state }) => inboxEntriesOf(structuredClone(state)));
  }

  async loadMany(participantIds: readonly string[]) {
    const loaded = new Map<string, StoredParticipantAlerts>();
    for (const id of participantIds) {
      const stored = await this.load(id);
      if (stored) loaded.set(id, stored);
    }
    return loaded;
  }

  async storeMany(writes: readonly StoreWrite[]) {
    const stored: boolean[] = [];
    for (const write of writes) {
      if (write.expectedVersion === null) {
        stored.push(await this.insert(write.state, write.outbox, null));
        if (stored.at(-1)) this.documents.get(write.state.participantId)!.appliedEventIds = [...write.appliedEventIds];
      } else {
        stored.push(await this.update(write.state, write.expectedVersion, write.outbox, null));
        if (stored.at(-1))
          this.documents.get(write.state.participantId)!.appliedEventIds.push(...write.appliedEventIds);
      }
    }
    return stored;
  }

  async willChangeMany(steps: ReadonlyArray<{ participantId: string; version: number }>) {
    return steps.map(({ participantId, version }) => `${participantId}:${version}`);
  }

  async syncMany() {
    // Derived on read.
  }

  async willChange(participantId: string, version: number) {
    // Derived on read: never behind.
    return `${participantId}:${version}`;
  }

  async sync() {
    // Derived on read.
  }

  alertsOf(participantId: string, kind: string): Alert[] {
    return (this.documents.get(participantId)?.state.alerts ?? []).filter((a) => a.kind === kind);
  }

  outboxOf(participantId: string) {
    return (this.documents.get(participantId)?.outbox ?? []).map((e) => JSON.parse(e.value));
  }
}
