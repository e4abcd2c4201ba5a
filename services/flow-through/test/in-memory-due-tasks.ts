import type { DueTaskEntry, DueTasksStore } from '../src/participants/application/due-tasks-store';

/**
 * The due-task read model and check schedule in memory, for unit tests; the shared contract
 * (`due-tasks-store-contract.ts`) holds it and the MongoDB adapter to the same behaviour.
 */
export class InMemoryDueTasks implements DueTasksStore {
  /** By organisation, then participant. */
  readonly organisations = new Map<string, Map<string, DueTaskEntry>>();
  readonly days = new Map<string, Set<string>>();
  last: string | null = null;

  /** Every entry by participant, whatever its organisation: what a unit test looks at. */
  get entries(): Map<string, DueTaskEntry> {
    return new Map([...this.organisations.values()].flatMap((entries) => [...entries]));
  }

  async entryOf(organisationId: string, participantId: string) {
    return structuredClone(this.organisations.get(organisationId)?.get(participantId) ?? null);
  }
  async save(entry: DueTaskEntry) {
    const entries = this.organisations.get(entry.organisationId) ?? new Map<string, DueTaskEntry>();
    this.organisations.set(entry.organisationId, entries.set(entry.participantId, structuredClone(entry)));
  }
  async remove(organisationId: string, participantId: string) {
    this.organisations.get(organisationId)?.delete(participantId);
  }
  async entriesOf(organisationId: string) {
    return [...(this.organisations.get(organisationId)?.values() ?? [])].map((entry) => structuredClone(entry));
  }
  async schedule(day: string, participantId: string) {
    this.days.set(day, (this.days.get(day) ?? new Set()).add(participantId));
  }
  async scheduledOn(day: string) {
    return [...(this.days.get(day) ?? [])];
  }
  async clearDay(day: string) {
    this.days.delete(day);
  }
  async lastCheckedDay() {
    return this.last;
  }
  async setLastCheckedDay(day: string) {
    this.last = day;
  }
}
