import type { Principal } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { Readable } from 'node:stream';
import type { Period } from '../domain/period';
import { KpiExports, PseudonymisedProgress, pseudonymisedFilename } from './kpi-exports';
import type { KpiQueries, KpiQuery } from './kpi-queries';

/** Where a job writes its file while it runs, and reads it back for the download. */
export interface ExportFiles {
  /** Writes the pieces in order into the file `id` and returns its size in bytes. */
  write(id: string, pieces: AsyncIterable<string>): Promise<number>;
  read(id: string): Readable;
  remove(id: string): Promise<void>;
}

export const EXPORT_FILES = Symbol('EXPORT_FILES');

export type ExportJobStatus = 'RUNNING' | 'DONE' | 'FAILED';

export interface ExportJobView {
  id: string;
  status: ExportJobStatus;
  period: Period;
  /** Organisations written of those in scope; rows and suppressed organisation-months so far. */
  progress: PseudonymisedProgress;
  filename: string;
  startedAt: string;
  finishedAt: string | null;
  /** Size of the finished file. */
  bytes: number | null;
}

interface Job extends ExportJobView {
  ownerId: string;
}

export const exportNotFound = () =>
  new DomainError('KPI.EXPORT_NOT_FOUND', 'not-found', 'No export with that id is known to you.');

/** How long a finished export stays available for download. */
const KEPT_MS = 60 * 60 * 1000;

/**
 * The pseudonymised export as a background job: `start` checks the request and the caller's scope
 * at once (a bad period or an organisation out of scope is refused before anything runs), then
 * writes the file one organisation at a time while `view` reports progress. A job belongs to the
 * user who started it: anyone else is told it does not exist. Jobs live in this instance (the
 * export reads flow-through's own read models, and flow-through runs one instance); a finished
 * file is removed after an hour, or when the service stops.
 */
export class PseudonymisedExportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly queries: KpiQueries,
    private readonly exports: KpiExports,
    private readonly files: ExportFiles,
    private readonly newId: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(principal: Principal, query: KpiQuery): Promise<ExportJobView> {
    const scope = await this.queries.participantLevelScope(principal, query);
    this.forgetExpired();
    const job: Job = {
      id: this.newId(),
      ownerId: principal.userId,
      status: 'RUNNING',
      period: scope.period,
      progress: { done: 0, total: scope.organisations.length, rows: 0, suppressedGroups: 0 },
      filename: pseudonymisedFilename(scope.period),
      startedAt: this.now().toISOString(),
      finishedAt: null,
      bytes: null,
    };
    this.jobs.set(job.id, job);
    const run = this.files
      .write(
        job.id,
        this.exports.pseudonymisedCsv(scope, (progress) => (job.progress = progress)),
      )
      .then(
        (bytes) => Object.assign(job, { status: 'DONE', bytes, finishedAt: this.now().toISOString() }),
        () => Object.assign(job, { status: 'FAILED', finishedAt: this.now().toISOString() }),
      )
      .then(() => undefined);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return view(job);
  }

  view(principal: Principal, id: string): ExportJobView {
    return view(this.ownJob(principal, id));
  }

  /** The finished file; a job still running (or failed) answers a conflict saying so. */
  download(principal: Principal, id: string): { body: Readable; filename: string } {
    const job = this.ownJob(principal, id);
    if (job.status !== 'DONE')
      throw new DomainError(
        job.status === 'RUNNING' ? 'KPI.EXPORT_NOT_READY' : 'KPI.EXPORT_FAILED',
        'conflict',
        job.status === 'RUNNING' ? 'The export is still being written.' : 'The export failed; start a new one.',
        { status: job.status, progress: job.progress },
      );
    return { body: this.files.read(job.id), filename: job.filename };
  }

  /** Waits for running jobs and removes every file (the service stops). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running]);
    await Promise.allSettled([...this.jobs.keys()].map((id) => this.files.remove(id)));
    this.jobs.clear();
  }

  private ownJob(principal: Principal, id: string): Job {
    this.forgetExpired();
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== principal.userId) throw exportNotFound();
    return job;
  }

  private forgetExpired(): void {
    const now = this.now().getTime();
    for (const job of this.jobs.values())
      if (job.finishedAt && now - Date.parse(job.finishedAt) > KEPT_MS) {
        this.jobs.delete(job.id);
        void this.files.remove(job.id).catch(() => undefined);
      }
  }
}

function view(job: Job): ExportJobView {
  const { ownerId: _ownerId, ...rest } = job;
  return { ...rest, progress: { ...job.progress }, period: { ...job.period } };
}
