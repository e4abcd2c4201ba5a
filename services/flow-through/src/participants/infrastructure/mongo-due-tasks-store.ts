import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard, aggregateKey, guardedFilter, readDecideWrite } from '@stapsteen/concurrency';
import type { Collection, Connection } from 'mongoose';
import type { DueTaskEntry, DueTasksStore } from '../application/due-tasks-store';

/** One document per organisation: its participants' due tasks by participant id, versioned (ADR 18). */
interface OrganisationDueTasks {
  _id: string;
  participants: Record<string, DueTaskEntry>;
  /** Missing on documents written before the claims: read as 0. */
  version?: number;
}

/**
 * Who to check on a day: one document per participant and day (`due-checks:{day}:{participantId}`),
 * so scheduling is an insert (atomic on FerretDB too: a second one of the same id is a duplicate,
 * and a set keeps one). The last day run is `due-checks:last-run`. A day's list written before
 * this layout (`due-checks:{day}` with `participantIds`) is still read and cleared.
 */
interface DueCheck {
  _id: string;
  day?: string;
  participantId?: string;
  participantIds?: string[];
}

export const DUE_TASKS_COLLECTION = 'due_tasks';
export const DUE_CHECKS_COLLECTION = 'due_checks';
const LAST_RUN_ID = 'due-checks:last-run';
const legacyDayId = (day: string) => `due-checks:${day}`;
const checkId = (day: string, participantId: string) => `due-checks:${day}:${participantId}`;
const DUPLICATE_KEY = 11000;
const isDuplicate = (error: unknown) => (error as { code?: number }).code === DUPLICATE_KEY;

/**
 * A participant's entry is one field of its organisation's document, so a task list is one `_id`
 * read (ADR 6). FerretDB rewrites the whole document on any update and applies no condition
 * atomically, so two writers of one organisation's document (two participants checked at once, in
 * one instance or two) could each drop the other's entry: every change of that document is a
 * claimed version step (ADR 18), serialised per organisation within the instance.
 */
@Injectable()
export class MongoDueTasksStore implements DueTasksStore, OnModuleInit {
  private readonly tasks: Collection<OrganisationDueTasks>;
  private readonly checks: Collection<DueCheck>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.tasks = connection.collection<OrganisationDueTasks>(DUE_TASKS_COLLECTION);
    this.checks = connection.collection<DueCheck>(DUE_CHECKS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // A day's checks are read and cleared once a day; MongoDB uses the index, FerretDB v1 scans (ADR 6).
    await this.checks.createIndex({ day: 1 });
  }

  async entryOf(organisationId: string, participantId: string): Promise<DueTaskEntry | null> {
    const document = await this.tasks.findOne({ _id: organisationId });
    return document?.participants?.[participantId] ?? null;
  }

  async save(entry: DueTaskEntry): Promise<void> {
    await this.change(
      entry.organisationId,
      true,
      { $set: { [`participants.${entry.participantId}`]: entry } },
      {
        [entry.participantId]: entry,
      },
    );
  }

  async remove(organisationId: string, participantId: string): Promise<void> {
    await this.change(organisationId, false, { $unset: { [`participants.${participantId}`]: '' } }, {});
  }

  async entriesOf(organisationId: string): Promise<DueTaskEntry[]> {
    const document = await this.tasks.findOne({ _id: organisationId });
    return Object.values(document?.participants ?? {});
  }

  async schedule(day: string, participantId: string): Promise<void> {
    try {
      await this.checks.insertOne({ _id: checkId(day, participantId), day, participantId });
    } catch (error) {
      // Already scheduled for that day.
      if (!isDuplicate(error)) throw error;
    }
  }

  async scheduledOn(day: string): Promise<string[]> {
    const [scheduled, legacy] = await Promise.all([
      this.checks.find({ day }, { projection: { participantId: 1 } }).toArray(),
      this.checks.findOne({ _id: legacyDayId(day) }),
    ]);
    const ids = scheduled.map((check) => check.participantId).filter((id): id is string => typeof id === 'string');
    return [...new Set([...ids, ...(legacy?.participantIds ?? [])])];
  }

  async clearDay(day: string): Promise<void> {
    await this.checks.deleteMany({ day });
    await this.checks.deleteOne({ _id: legacyDayId(day) });
  }

  async lastCheckedDay(): Promise<string | null> {
    return (await this.checks.findOne({ _id: LAST_RUN_ID }))?.day ?? null;
  }

  async setLastCheckedDay(day: string): Promise<void> {
    await this.checks.updateOne({ _id: LAST_RUN_ID }, { $set: { day } }, { upsert: true });
  }

  /**
   * One claimed step of an organisation's document: `update` on the document as it is, or, when
   * there is none yet and `create` is set, an insert of `initial` (the unique `_id` decides a race).
   */
  private async change(
    organisationId: string,
    create: boolean,
    update: { $set: Record<string, unknown> } | { $unset: Record<string, ''> },
    initial: Record<string, DueTaskEntry>,
  ): Promise<void> {
    await readDecideWrite<null, null, void>({
      key: aggregateKey(DUE_TASKS_COLLECTION, organisationId),
      serialize: (key, work) => this.guard.lock.run(key, work),
      load: async () => {
        const version = await this.versionOf(organisationId);
        return version === null ? null : { value: null, version };
      },
      decide: (loaded) => ({ next: null, result: undefined, unchanged: loaded === null && !create }),
      insert: async () => {
        try {
          await this.tasks.insertOne({ _id: organisationId, participants: initial, version: 1 });
          return true;
        } catch (error) {
          if (isDuplicate(error)) return false;
          throw error;
        }
      },
      update: (_next, version) =>
        this.guard.claims.write(
          DUE_TASKS_COLLECTION,
          organisationId,
          version,
          async () => {
            const { modifiedCount } = await this.tasks.updateOne(
              // A document from before the claims has no version: null matches it on MongoDB.
              guardedFilter(this.guard, organisationId, { version: version === 0 ? null : version }),
              '$set' in update
                ? { $set: { ...update.$set, version: version + 1 } }
                : { ...update, $set: { version: version + 1 } },
            );
            // The version always changes, so a document the filter found is always modified.
            return modifiedCount === 1;
          },
          () => this.versionOf(organisationId),
        ),
      busy: () => new Error(`the due tasks of ${organisationId} stayed busy`),
    });
  }

  private async versionOf(organisationId: string): Promise<number | null> {
    const document = await this.tasks.findOne({ _id: organisationId }, { projection: { version: 1 } });
    return document ? (document.version ?? 0) : null;
  }
}
