import { isInReadScope, type ReadScope } from '@stapsteen/auth';
import type { EventEnvelope } from '@stapsteen/contracts';
import type { OutboxEntry } from '@stapsteen/messaging';
import { blankTrajectory, rosterChange, rosterEntryOf, type RosterDocument } from '@stapsteen/participant-roster';
import { InMemoryOrganisationSettingsStore } from '../../../libs/organisation-settings/test/in-memory-organisation-settings-store';
import type { AssessmentRepository } from '../src/assessments/application/assessment-service';
import type { Assessment } from '../src/assessments/domain/assessment';
import type {
  GroupSessionRepository,
  OneOnOneQuery,
  OneOnOneRepository,
  PeerCoachRepository,
} from '../src/assignments/application/ports';
import type { GroupSession } from '../src/assignments/domain/group-session';
import type { OneOnOne } from '../src/assignments/domain/one-on-one';
import type { PeerCoach } from '../src/assignments/domain/peer';
import type { CatalogueRepository } from '../src/competencies/application/catalogue-service';
import type { Catalogue } from '../src/competencies/domain/catalogue';
import type { GapRepository } from '../src/gaps/application/gap-service';
import type { GapPolicy } from '../src/gaps/domain/gap-rules';
import type { ParticipantGaps } from '../src/gaps/domain/participant-gaps';
import type { ParticipantRoster, RosterEntry } from '../src/participants/application/participant-roster';
import { COACHING_ROSTER } from '../src/participants/infrastructure/mongo-participant-roster';
import type { AggregateStore, Versioned } from '../src/shared/application/aggregate-writes';

/**
 * In-memory fakes of the coaching service's own ports, for unit tests of the use cases. They keep
 * the promises the MongoDB adapters make, and test/contracts holds both to them: a write is made
 * only at the version it was read at, an insert of an existing id loses, the events of a write are
 * kept with it, and what a caller gets back is a copy, never the stored object.
 */
const copy = <T>(value: T): T => structuredClone(value);

/** One aggregate per id with its version and outbox, as `VersionedCollection` stores it. */
export class InMemoryAggregates<T extends object> implements AggregateStore<T> {
  protected readonly stored = new Map<string, { value: T; version: number; outbox: OutboxEntry[] }>();
  /** Runs once just before the next write: another writer's change landing between read and write. */
  private interleave: (() => void) | null = null;
  /** Successful writes (inserts and updates). */
  writes = 0;
  /** Calls of the list queries, so a test can see that a read asked nothing. */
  queries = 0;

  constructor(readonly collectionName: string) {}

  /** Lets another writer change the store between this request's read and its write. */
  beforeNextWrite(change: () => void): void {
    this.interleave = change;
  }

  /** Stores a value as another writer would (creating it or bumping its version). */
  put(id: string, value: T): void {
    const current = this.stored.get(id);
    this.stored.set(id, { value: copy(value), version: (current?.version ?? 0) + 1, outbox: current?.outbox ?? [] });
  }

  /** What is stored now (a copy), or null. */
  get(id: string): T | null {
    const found = this.stored.get(id);
    return found ? copy(found.value) : null;
  }

  /** The events written with the aggregate, oldest first, as `type@vN`. */
  eventTypes(id: string): string[] {
    return (this.stored.get(id)?.outbox ?? []).map((entry) => entry.type);
  }

  /** The events' envelopes, oldest first. */
  events(id: string): Array<EventEnvelope<Record<string, unknown>>> {
    return (this.stored.get(id)?.outbox ?? []).map((entry) => JSON.parse(entry.value));
  }

  async load(id: string): Promise<Versioned<T> | null> {
    const found = this.stored.get(id);
    return found ? { value: copy(found.value), version: found.version } : null;
  }

  async insert(id: string, value: T, outbox: OutboxEntry[]): Promise<boolean> {
    this.runInterleaved();
    if (this.stored.has(id)) return false;
    this.stored.set(id, { value: copy(value), version: 1, outbox: copy(outbox) });
    this.writes += 1;
    return true;
  }

  async update(id: string, value: T, expectedVersion: number, outbox: OutboxEntry[]): Promise<boolean> {
    this.runInterleaved();
    const current = this.stored.get(id);
    if (!current || current.version !== expectedVersion) return false;
    this.stored.set(id, {
      value: copy(value),
      version: expectedVersion + 1,
      outbox: [...current.outbox, ...copy(outbox)],
    });
    this.writes += 1;
    return true;
  }

  protected where(matches: (value: T) => boolean): T[] {
    this.queries += 1;
    return [...this.stored.values()]
      .map((entry) => entry.value)
      .filter(matches)
      .map(copy);
  }

  private runInterleaved(): void {
    const change = this.interleave;
    this.interleave = null;
    change?.();
  }
}

export class InMemoryGroupSessions extends InMemoryAggregates<GroupSession> implements GroupSessionRepository {
  constructor() {
    super('group_sessions');
  }

  async list(scope: ReadScope): Promise<GroupSession[]> {
    return this.where((session) => isInReadScope(scope, session));
  }

  async forParticipant(participantId: string): Promise<GroupSession[]> {
    return this.where((session) => session.enrolments.some((e) => e.participantId === participantId));
  }
}

export class InMemoryOneOnOnes extends InMemoryAggregates<OneOnOne> implements OneOnOneRepository {
  constructor() {
    super('one_on_ones');
  }

  async list(query: OneOnOneQuery): Promise<OneOnOne[]> {
    return this.where(
      (assignment) =>
        isInReadScope(query.scope, assignment) &&
        (query.participantId === undefined || assignment.participantId === query.participantId) &&
        (query.coachId === undefined || assignment.coachId === query.coachId),
    );
  }

  async forParticipant(participantId: string): Promise<OneOnOne[]> {
    return this.where((assignment) => assignment.participantId === participantId);
  }
}

export class InMemoryPeerCoaches extends InMemoryAggregates<PeerCoach> implements PeerCoachRepository {
  constructor() {
    super('peer_coaches');
  }

  async forCoachee(participantId: string): Promise<PeerCoach[]> {
    return this.where((coach) => coach.pairs.some((pair) => pair.coacheeId === participantId));
  }

  async forOrganisation(organisationId: string): Promise<PeerCoach[]> {
    return this.where((coach) => coach.organisationId === organisationId);
  }

  async locatePair(pairId: string): Promise<string | null> {
    this.queries += 1;
    for (const [id, entry] of this.stored) if (entry.value.pairs.some((pair) => pair.id === pairId)) return id;
    return null;
  }
}

export class InMemoryGaps extends InMemoryAggregates<ParticipantGaps> implements GapRepository {
  constructor() {
    super('coaching_gaps');
  }

  async forOrganisation(organisationId: string): Promise<ParticipantGaps[]> {
    return this.where((document) => document.organisationId === organisationId);
  }

  async forCoach(scope: ReadScope, coachId: string): Promise<ParticipantGaps[]> {
    return this.where((document) => isInReadScope(scope, document) && document.coachId === coachId);
  }
}

/** An organisation's own gap windows, replaced as a whole by each save (last writer wins). */
export class InMemoryGapSettings extends InMemoryOrganisationSettingsStore<GapPolicy> {}

/** Assessments are written once each and never changed. */
export class InMemoryAssessments implements AssessmentRepository {
  private readonly stored = new Map<string, { assessment: Assessment; outbox: OutboxEntry[] }>();

  async insertMany(records: Array<{ assessment: Assessment; outbox: OutboxEntry[] }>): Promise<void> {
    for (const { assessment, outbox } of records) {
      if (this.stored.has(assessment.id)) throw new Error(`assessment ${assessment.id} exists already`);
      this.stored.set(assessment.id, { assessment: copy(assessment), outbox: copy(outbox) });
    }
  }

  async forParticipant(participantId: string): Promise<Assessment[]> {
    return this.all().filter((assessment) => assessment.participantId === participantId);
  }

  async forOrganisation(organisationId: string): Promise<Assessment[]> {
    return this.all().filter((assessment) => assessment.organisationId === organisationId);
  }

  async deleteForParticipant(participantId: string): Promise<void> {
    for (const [id, { assessment }] of this.stored)
      if (assessment.participantId === participantId) this.stored.delete(id);
  }

  private all(): Assessment[] {
    return [...this.stored.values()].map(({ assessment }) => copy(assessment));
  }
}

/** One catalogue per organisation and version; a version is stored once. */
export class InMemoryCatalogues implements CatalogueRepository {
  private readonly stored = new Map<string, Catalogue>();

  async latest(organisationId: string): Promise<Catalogue | null> {
    const versions = [...this.stored.values()]
      .filter((catalogue) => catalogue.organisationId === organisationId)
      .sort((a, b) => b.version - a.version);
    return versions[0] ? copy(versions[0]) : null;
  }

  async version(organisationId: string, version: number): Promise<Catalogue | null> {
    const found = this.stored.get(`${organisationId}:v${version}`);
    return found ? copy(found) : null;
  }

  async insert(catalogue: Catalogue): Promise<boolean> {
    const key = `${catalogue.organisationId}:v${catalogue.version}`;
    if (this.stored.has(key)) return false;
    this.stored.set(key, copy(catalogue));
    return true;
  }
}

/**
 * The roster projection in memory: the rules of libs/participant-roster with coaching's options,
 * as `MongoParticipantRoster` applies them, each event once.
 */
export class InMemoryParticipantRoster implements ParticipantRoster {
  private readonly stored = new Map<string, RosterDocument>();
  /** Calls of `list`, so a test can see that a read asked nothing. */
  queries = 0;

  /** A participant as the events would have made them (enrolled, and their trajectories). */
  add(entry: RosterEntry): void {
    const { participantId, trajectories, ...fields } = copy(entry);
    this.stored.set(participantId, {
      _id: participantId,
      ...fields,
      trajectories: Object.fromEntries(trajectories.map((t) => [t.trajectoryId, t])),
      appliedEventIds: [],
    });
  }

  async apply(envelope: EventEnvelope<unknown>): Promise<boolean> {
    const change = rosterChange(envelope, COACHING_ROSTER);
    const document = this.stored.get(envelope.participantId) ?? { _id: envelope.participantId, appliedEventIds: [] };
    if (change === null || document.appliedEventIds.includes(envelope.eventId)) return false;
    const trajectories = { ...document.trajectories };
    if (change.kind === 'set') {
      Object.assign(document, copy(change.fields));
      if (change.trajectory) trajectories[change.trajectory.trajectoryId] = copy(change.trajectory);
    } else {
      const id = change.trajectoryId;
      trajectories[id] = change.change(trajectories[id] ?? blankTrajectory(id, COACHING_ROSTER));
    }
    document.trajectories = trajectories;
    document.appliedEventIds.push(envelope.eventId);
    this.stored.set(envelope.participantId, document);
    return true;
  }

  async list(scope: ReadScope): Promise<RosterEntry[]> {
    this.queries += 1;
    return [...this.stored.values()]
      .filter((document) => !document.erased && document.displayName !== undefined)
      .map(entryOf)
      .filter((entry) => isInReadScope(scope, entry))
      .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
  }

  async findById(participantId: string): Promise<RosterEntry | null> {
    const document = this.stored.get(participantId);
    return document?.organisationId && !document.erased ? entryOf(document) : null;
  }

  async ids(): Promise<string[]> {
    return [...this.stored.values()].filter((document) => !document.erased).map((document) => document._id);
  }

  async regionOf(organisationId: string): Promise<string | null> {
    for (const document of this.stored.values()) {
      if (document.organisationId === organisationId && document.regionId !== undefined) return document.regionId;
    }
    return null;
  }

  async isErased(participantId: string): Promise<boolean> {
    return this.stored.get(participantId)?.erased === true;
  }
}

const entryOf = (document: RosterDocument): RosterEntry => copy(rosterEntryOf(document, COACHING_ROSTER));
