import { Clock, fixedClock } from '@stapsteen/calendar';
import { ReadScope, isInReadScope } from '@stapsteen/auth';
import type { EventEnvelope } from '@stapsteen/contracts';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { BarrierRepository, MonthRange } from '../src/barriers/application/record-barriers';
import type { BarrierRecord } from '../src/barriers/domain/barriers';
import type { MonthClose, MonthCloseRepository, TargetSettings } from '../src/month-close/application/ports';
import type { OrganisationTargets } from '../src/month-close/domain/targets';
import type { ParticipantRoster, RosterEntry, RosterQuery } from '../src/participants/application/participant-roster';
import type {
  ImportJob,
  ImportJobRepository,
  MonthCloseLedger,
  ParticipantYearRepository,
} from '../src/prestations/application/ports';
import type { ParticipantYear } from '../src/prestations/domain/participant-year';

/**
 * In-memory fakes of the hours service's own ports, for unit tests of the use cases. They keep
 * the promises the MongoDB adapters make: a year is written only at the version it was read at,
 * an insert of an existing year loses, and what a caller gets back is a copy, never the stored
 * object. `test/contracts/` holds those promises as one suite per port, run against each fake
 * here (`in-memory-hours.spec.ts`) and against its MongoDB adapter (`mongo-hours.int-spec.ts`).
 */
const copy = <T>(value: T): T => structuredClone(value);
const keyOf = (participantId: string, year: number) => `${participantId}:${year}`;

export class InMemoryParticipantYears implements ParticipantYearRepository {
  private readonly stored = new Map<string, { year: ParticipantYear; version: number }>();
  /** Runs once just before the next conditional write: another writer's change landing first. */
  private interleave: (() => void) | null = null;
  writes = 0;

  /** Lets another writer change a year between this request's read and its write. */
  beforeNextWrite(change: () => void): void {
    this.interleave = change;
  }

  /** Stores a year as another writer would (bumping its version). */
  put(year: ParticipantYear): void {
    const key = keyOf(year.participantId, year.year);
    this.stored.set(key, { year: copy(year), version: (this.stored.get(key)?.version ?? 0) + 1 });
  }

  get(participantId: string, year: number): ParticipantYear | null {
    const found = this.stored.get(keyOf(participantId, year));
    return found ? copy(found.year) : null;
  }

  async load(participantId: string, year: number) {
    const found = this.stored.get(keyOf(participantId, year));
    return found ? copy(found) : null;
  }

  async insert(year: ParticipantYear): Promise<boolean> {
    this.runInterleaved();
    const key = keyOf(year.participantId, year.year);
    if (this.stored.has(key)) return false;
    this.stored.set(key, { year: copy(year), version: 1 });
    this.writes += 1;
    return true;
  }

  async update(year: ParticipantYear, expectedVersion: number): Promise<boolean> {
    this.runInterleaved();
    const key = keyOf(year.participantId, year.year);
    const current = this.stored.get(key);
    if (!current || current.version !== expectedVersion) return false;
    this.stored.set(key, { year: copy(year), version: expectedVersion + 1 });
    this.writes += 1;
    return true;
  }

  async loadMany(keys: string[]) {
    const found = new Map<string, { year: ParticipantYear; version: number }>();
    for (const key of keys) {
      const stored = this.stored.get(key);
      if (stored) found.set(key, copy(stored));
    }
    return found;
  }

  async writeMany(changes: Array<{ year: ParticipantYear; expectedVersion: number | null }>): Promise<number> {
    if (changes.length > 0) this.runInterleaved();
    let written = 0;
    for (const { year, expectedVersion } of changes) {
      const key = keyOf(year.participantId, year.year);
      const current = this.stored.get(key);
      const fits = expectedVersion === null ? !current : current?.version === expectedVersion;
      if (!fits) continue;
      this.stored.set(key, { year: copy(year), version: (current?.version ?? 0) + 1 });
      this.writes += 1;
      written += 1;
    }
    return written;
  }

  private runInterleaved(): void {
    const change = this.interleave;
    this.interleave = null;
    change?.();
  }
}

export class InMemoryRoster implements ParticipantRoster {
  private readonly entries = new Map<string, RosterEntry>();
  /** How often a list reached the store: a caller with nothing to read must not. */
  lists = 0;

  constructor(entries: RosterEntry[] = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: RosterEntry): void {
    this.entries.set(entry.participantId, copy(entry));
  }

  /** Forgets a participant, as `participant.erased` makes the real roster do. */
  erase(participantId: string): void {
    this.entries.delete(participantId);
  }

  async apply(_envelope: EventEnvelope<unknown>): Promise<boolean> {
    throw new Error('The use cases under test do not apply events');
  }

  async list(query: RosterQuery): Promise<RosterEntry[]> {
    this.lists += 1;
    const selected = (entry: RosterEntry) =>
      'scope' in query ? isInReadScope(query.scope, entry) : entry.organisationId === query.organisationId;
    return [...this.entries.values()]
      .filter(selected)
      .sort((a, b) => byCodeUnits(a.displayName, b.displayName))
      .map(copy);
  }

  async findById(participantId: string): Promise<RosterEntry | null> {
    const entry = this.entries.get(participantId);
    return entry ? copy(entry) : null;
  }

  async organisations(): Promise<string[]> {
    return [...new Set([...this.entries.values()].map((e) => e.organisationId))];
  }
}

/** Month closes with their events, and the ledger of closed months that prestation writes read. */
export class InMemoryMonthCloses implements MonthCloseRepository, MonthCloseLedger {
  private readonly closes = new Map<string, { close: MonthClose; outbox: OutboxEntry[] }>();
  private readonly ledger = new Map<string, Set<string>>();

  /** Marks a month closed without a close document, as the ledger of an earlier close would. */
  markClosed(organisationId: string, month: string): void {
    this.ledger.set(organisationId, new Set([...(this.ledger.get(organisationId) ?? []), month]));
  }

  /** The events stored with a close, parsed as the relay would publish them. */
  eventsOf(
    organisationId: string,
    month: string,
  ): Array<{ topic: string; key: string; envelope: EventEnvelope<Record<string, unknown>> }> {
    return (this.closes.get(`${organisationId}:${month}`)?.outbox ?? []).map((entry) => ({
      topic: entry.topic,
      key: entry.key,
      envelope: JSON.parse(entry.value) as EventEnvelope<Record<string, unknown>>,
    }));
  }

  async insert(close: MonthClose, outbox: OutboxEntry[]): Promise<boolean> {
    const id = `${close.organisationId}:${close.month}`;
    this.markClosed(close.organisationId, close.month);
    if (this.closes.has(id)) return false;
    this.closes.set(id, { close: copy(close), outbox: copy(outbox) });
    return true;
  }

  async load(organisationId: string, month: string): Promise<MonthClose | null> {
    const found = this.closes.get(`${organisationId}:${month}`);
    return found ? copy(found.close) : null;
  }

  async closedMonths(organisationId: string): Promise<ReadonlySet<string>> {
    return new Set(this.ledger.get(organisationId) ?? []);
  }
}

export class InMemoryImportJobs implements ImportJobRepository {
  private readonly jobs = new Map<string, ImportJob>();

  async create(job: ImportJob): Promise<void> {
    if (this.jobs.has(job.id)) throw new Error(`import job ${job.id} exists`);
    this.jobs.set(job.id, copy(job));
  }

  async save(job: ImportJob): Promise<void> {
    // As the adapter's replace without upsert: a job never created stays absent.
    if (this.jobs.has(job.id)) this.jobs.set(job.id, copy(job));
  }

  async find(id: string): Promise<ImportJob | null> {
    const job = this.jobs.get(id);
    return job ? copy(job) : null;
  }

  /** Every job created, for tests. */
  all(): ImportJob[] {
    return [...this.jobs.values()].map(copy);
  }
}

export class InMemoryTargetSettings implements TargetSettings {
  private readonly targets = new Map<string, OrganisationTargets>();

  set(organisationId: string, targets: OrganisationTargets): void {
    this.targets.set(organisationId, copy(targets));
  }

  async save(organisationId: string, targets: OrganisationTargets): Promise<void> {
    this.set(organisationId, targets);
  }

  async forOrganisation(organisationId: string): Promise<OrganisationTargets | null> {
    const found = this.targets.get(organisationId);
    return found ? copy(found) : null;
  }
}

/** A participant-month's barriers with the events stored beside them. */
export class InMemoryBarriers implements BarrierRepository {
  private readonly records = new Map<string, { record: BarrierRecord; outbox: OutboxEntry[] }>();
  /** How often a read reached the store: a caller with nothing to read must not. */
  reads = 0;

  async save(record: BarrierRecord, outbox: OutboxEntry[]): Promise<void> {
    const id = `${record.participantId}:${record.month}`;
    const earlier = this.records.get(id)?.outbox ?? [];
    this.records.set(id, { record: copy(record), outbox: [...earlier, ...copy(outbox)] });
  }

  async find(participantId: string, month: string): Promise<BarrierRecord | null> {
    this.reads += 1;
    const found = this.records.get(`${participantId}:${month}`);
    return found ? copy(found.record) : null;
  }

  async list(scope: ReadScope, months: MonthRange): Promise<BarrierRecord[]> {
    this.reads += 1;
    return [...this.records.values()]
      .map(({ record }) => record)
      .filter((record) => isInReadScope(scope, record) && record.month >= months.from && record.month <= months.to)
      .map(copy);
  }

  /** The events stored with a participant-month's barriers, for tests. */
  outboxOf(participantId: string, month: string): OutboxEntry[] {
    return copy(this.records.get(`${participantId}:${month}`)?.outbox ?? []);
  }
}

/** The order MongoDB sorts strings in without a collation (by code, as `<` compares them), not the locale's. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A clock standing still at one moment. */
export const clockAt = (iso: string): Clock => fixedClock(iso);
