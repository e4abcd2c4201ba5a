import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { upsertTwiceOnRace } from '@stapsteen/concurrency';
import type { Collection, Connection } from 'mongoose';
import type { DueTaskEntry, DueTasksStore } from '../application/due-tasks-store';

/** One document per organisation: its participants' due tasks by participant id. */
interface OrganisationDueTasks {
  _id: string;
  participants: Record<string, DueTaskEntry>;
}

/** One document per day (`due-checks:{YYYY-MM-DD}`) listing who to check, and the last day run. */
interface DueChecks {
  _id: string;
  participantIds?: string[];
  day?: string;
}

export const DUE_TASKS_COLLECTION = 'due_tasks';
export const DUE_CHECKS_COLLECTION = 'due_checks';
const LAST_RUN_ID = 'due-checks:last-run';
const dayId = (day: string) => `due-checks:${day}`;

/**
 * Every read and write here names one document by `_id` (ADR 6): a participant's entry is one
 * field of its organisation's document, set or unset on its own, so participants never contend.
 */
@Injectable()
export class MongoDueTasksStore implements DueTasksStore {
  private readonly tasks: Collection<OrganisationDueTasks>;
  private readonly checks: Collection<DueChecks>;

  constructor(@InjectConnection() connection: Connection) {
    this.tasks = connection.collection<OrganisationDueTasks>(DUE_TASKS_COLLECTION);
    this.checks = connection.collection<DueChecks>(DUE_CHECKS_COLLECTION);
  }

  async entryOf(organisationId: string, participantId: string): Promise<DueTaskEntry | null> {
    const document = await this.tasks.findOne({ _id: organisationId });
    return document?.participants?.[participantId] ?? null;
  }

  async save(entry: DueTaskEntry): Promise<void> {
    await upsertTwiceOnRace(() =>
      this.tasks.updateOne(
        { _id: entry.organisationId },
        { $set: { [`participants.${entry.participantId}`]: entry } },
        { upsert: true },
      ),
    );
  }

  async remove(organisationId: string, participantId: string): Promise<void> {
    await this.tasks.updateOne({ _id: organisationId }, { $unset: { [`participants.${participantId}`]: '' } });
  }

  async entriesOf(organisationId: string): Promise<DueTaskEntry[]> {
    const document = await this.tasks.findOne({ _id: organisationId });
    return Object.values(document?.participants ?? {});
  }

  async schedule(day: string, participantId: string): Promise<void> {
    await upsertTwiceOnRace(() =>
      this.checks.updateOne({ _id: dayId(day) }, { $addToSet: { participantIds: participantId } }, { upsert: true }),
    );
  }

  async scheduledOn(day: string): Promise<string[]> {
    return (await this.checks.findOne({ _id: dayId(day) }))?.participantIds ?? [];
  }

  async clearDay(day: string): Promise<void> {
    await this.checks.deleteOne({ _id: dayId(day) });
  }

  async lastCheckedDay(): Promise<string | null> {
    return (await this.checks.findOne({ _id: LAST_RUN_ID }))?.day ?? null;
  }

  async setLastCheckedDay(day: string): Promise<void> {
    await this.checks.updateOne({ _id: LAST_RUN_ID }, { $set: { day } }, { upsert: true });
  }
}
