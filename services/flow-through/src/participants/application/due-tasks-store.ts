import type { DueAlertKind } from '../domain/due-alerts';
import type { FollowUpCheckpoint } from '../domain/follow-up';

/**
 * What one participant has coming due, as the task lists need it: kept per organisation so a list
 * is one `_id` read per organisation (ADR 6), and refreshed by every due check of the participant.
 */
export interface DueTaskEntry {
  participantId: string;
  organisationId: string;
  regionId: string;
  /** Shown to the organisation's staff only. */
  name: string;
  /** The evaluation of the running trajectory not yet held; null when none comes due. */
  evaluation: { trajectoryId: string; dueOn: string } | null;
  /** The follow-up checkpoints after the latest exit without a result. */
  followUps: { trajectoryId: string; checkpoint: FollowUpCheckpoint; dueOn: string; windowEndsOn: string | null }[];
  /** When the time-based alerts must be looked at again without the participant changing. */
  nextCheckOn: string | null;
  /** The time-based alerts the last check left open: with none and nothing due, a check skips the alerts. */
  openAlertKinds: DueAlertKind[];
}

/** The read model of the task lists and the day-by-day schedule of the due checks. */
export interface DueTasksStore {
  entryOf(organisationId: string, participantId: string): Promise<DueTaskEntry | null>;
  save(entry: DueTaskEntry): Promise<void>;
  remove(organisationId: string, participantId: string): Promise<void>;
  entriesOf(organisationId: string): Promise<DueTaskEntry[]>;
  /** Adds the participant to the checks of that day (a set: adding twice keeps one). */
  schedule(day: string, participantId: string): Promise<void>;
  scheduledOn(day: string): Promise<string[]>;
  /** The day's checks are done: its list goes. */
  clearDay(day: string): Promise<void>;
  /** The last day whose scheduled checks ran; null before the first run. */
  lastCheckedDay(): Promise<string | null>;
  setLastCheckedDay(day: string): Promise<void>;
}

export const DUE_TASKS_STORE = Symbol('DUE_TASKS_STORE');
