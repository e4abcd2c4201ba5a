import type { ParticipantYear } from '../domain/participant-year';

export interface ParticipantYearRepository {
  load(participantId: string, year: number): Promise<{ year: ParticipantYear; version: number } | null>;
  /** Creates the year's document; false when another request created it first. */
  insert(year: ParticipantYear): Promise<boolean>;
  /** Writes the year only if nobody changed it since `expectedVersion`; false otherwise. */
  update(year: ParticipantYear, expectedVersion: number): Promise<boolean>;
  /** Many participant-years in one query, keyed `${participantId}:${year}`. */
  loadMany(keys: string[]): Promise<Map<string, { year: ParticipantYear; version: number }>>;
  /** Inserts (expectedVersion null) and conditional updates in one round trip; returns how many took. */
  writeMany(changes: Array<{ year: ParticipantYear; expectedVersion: number | null }>): Promise<number>;
}

export interface ImportProblem {
  line: number;
  code: string;
  reason: string;
}

export interface ImportJob {
  id: string;
  organisationId: string;
  filename: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  processed: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first problems, each with the line in the file; the full count is `rejected`. */
  problems: ImportProblem[];
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /**
   * The last sign of life of the process running the import (every save, and at least every
   * IMPORT_HEARTBEAT_MS): a RUNNING job without one for IMPORT_STALE_AFTER_MS died with its
   * process. Absent on jobs stored before it existed (their startedAt counts instead).
   */
  heartbeatAt?: string;
}

export interface ImportJobRepository {
  /** Stores a new job; rejects when a job with its id exists (the first one stays). */
  create(job: ImportJob): Promise<void>;
  /** Replaces a created job whole (progress, problems, end); a job never created stays absent. */
  save(job: ImportJob): Promise<void>;
  find(id: string): Promise<ImportJob | null>;
}

export const IMPORT_JOB_REPOSITORY = Symbol('IMPORT_JOB_REPOSITORY');

export interface MonthCloseLedger {
  /** The months the organisation has closed (one read of its ledger). */
  closedMonths(organisationId: string): Promise<ReadonlySet<string>>;
}

export const PARTICIPANT_YEAR_REPOSITORY = Symbol('PARTICIPANT_YEAR_REPOSITORY');
export const MONTH_CLOSE_LEDGER = Symbol('MONTH_CLOSE_LEDGER');
