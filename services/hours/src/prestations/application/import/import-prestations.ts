import { yearOf } from '@stapsteen/calendar';
import { Principal, assertCanWriteOrganisation } from '@stapsteen/auth';
import { MAX_WRITE_ATTEMPTS, aggregateKey } from '@stapsteen/concurrency';
import { DomainError, isDomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import type { ParticipantRoster, RosterEntry } from '../../../participants/application/participant-roster';
import { Clock, brusselsDateOf } from '../../../shared/brussels-time';
import { CapPolicy, ParticipantYear, emptyYear, recordPrestation } from '../../domain/participant-year';
import type {
  ImportJob,
  ImportJobRepository,
  ImportProblem,
  MonthCloseLedger,
  ParticipantYearRepository,
} from '../ports';
import { PARTICIPANT_YEARS_COLLECTION } from '../prestation-commands';
import { ImportRow, readPrestationCsv } from './csv-rows';

/**
 * Participant-years read and written together; several chunks are in flight at once, so the
 * database works on a few bulk writes side by side instead of waiting for one at a time (their
 * keys never overlap: each participant-year is in one chunk).
 */
const CHUNK = 100;
const CHUNKS_IN_FLIGHT = 4;
const KEPT_PROBLEMS = 2000;

/** The rows of one participant-year in the file. */
interface Group {
  participantId: string;
  year: number;
  rows: ImportRow[];
}

/** What every chunk decides against: the organisation's roster and its closed months. */
interface ChunkContext {
  participants: ReadonlyMap<string, RosterEntry>;
  closedMonths: ReadonlySet<string>;
}

type Serialize = <T>(keys: string[], work: () => Promise<T>) => Promise<T>;

/** A running import touches its job at least this often, so that a reader can tell it still runs. */
export const IMPORT_HEARTBEAT_MS = 10_000;
/**
 * A RUNNING job untouched this long was left by a process that died (a crash, a kill, a
 * redeploy): it is shown as FAILED, so the organiser uploads the file again, which stores the rows
 * the dead upload did not and recognises those it did (issue 15, service crash).
 */
export const IMPORT_STALE_AFTER_MS = 60_000;

/** The job as a reader must see it: a RUNNING job whose process stopped beating has failed. */
export function importJobAsSeen(job: ImportJob, now: Date): ImportJob {
  if (job.status !== 'RUNNING') return job;
  const lastSign = Date.parse(job.heartbeatAt ?? job.startedAt);
  return now.getTime() - lastSign > IMPORT_STALE_AFTER_MS ? { ...job, status: 'FAILED' } : job;
}

/**
 * Imports a month's prestations from a file. Rows are grouped per participant-year and written a
 * chunk of participants at a time, each participant-year in one write: a row is stored whole or
 * not at all, a refused row (a cap, no trajectory) is reported with its line and never blocks
 * the others, and rows already imported from an earlier upload of the same file are recognised
 * by their content-derived ids and skipped.
 */
export class ImportPrestations {
  constructor(
    private readonly years: ParticipantYearRepository,
    private readonly roster: ParticipantRoster,
    private readonly closes: MonthCloseLedger,
    private readonly jobs: ImportJobRepository,
    private readonly clock: Clock,
    private readonly policy: CapPolicy,
    private readonly serialize: Serialize = (_keys, work) => work(),
  ) {}

  /** Checks the file and starts the import; `done` settles when every row has been handled. */
  async start(
    principal: Principal,
    organisationId: string,
    filename: string,
    content: Buffer,
  ): Promise<{ job: ImportJob; done: Promise<ImportJob> }> {
    assertCanWriteOrganisation(principal, organisationId);
    const { rows, problems, total } = readPrestationCsv(content, organisationId);
    if (total === 0 && problems.length > 0) {
      throw new DomainError(problems[0].code, 'validation', problems[0].reason);
    }
    if (problems[0]?.line === 1) throw new DomainError(problems[0].code, 'validation', problems[0].reason);
    const job: ImportJob = {
      id: randomUUID(),
      organisationId,
      filename: filename.slice(0, 200),
      status: 'RUNNING',
      total,
      processed: problems.length,
      accepted: 0,
      duplicates: 0,
      rejected: problems.length,
      problems: problems.slice(0, KEPT_PROBLEMS),
      startedBy: principal.userId,
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
      heartbeatAt: this.clock.now().toISOString(),
    };
    await this.jobs.create(job);
    const done = this.run(job, rows, principal).catch(async (error: unknown) => {
      const failed: ImportJob = { ...job, status: 'FAILED', finishedAt: this.clock.now().toISOString() };
      await this.jobs.save(failed).catch(() => undefined);
      throw error;
    });
    return { job: { ...job }, done };
  }

  /** An import's job as its reader must see it (see importJobAsSeen); null when there is none. */
  async find(id: string): Promise<ImportJob | null> {
    const job = await this.jobs.find(id);
    return job && importJobAsSeen(job, this.clock.now());
  }

  private async run(job: ImportJob, rows: ImportRow[], principal: Principal): Promise<ImportJob> {
    // The roster of the organisation and its closed months are read while the first chunks read
    // their participant-years: the roster list is one long read (every participant of the
    // organisation) that would otherwise hold up every chunk. A row of a participant who is not
    // on the roster is refused when its chunk decides; it is never written.
    const context: Promise<ChunkContext> = Promise.all([
      this.roster.list({ organisationId: job.organisationId }),
      this.closes.closedMonths(job.organisationId),
    ]).then(([roster, closedMonths]) => ({
      participants: new Map(roster.map((p) => [p.participantId, p])),
      closedMonths,
    }));
    // Settled by the chunks, or at the end when there are none: never an unhandled rejection.
    context.catch(() => undefined);
    const reject = (problem: ImportProblem) => {
      job.rejected += 1;
      if (job.problems.length < KEPT_PROBLEMS) job.problems.push(problem);
    };
    const groups = new Map<string, Group>();
    for (const row of rows) {
      const year = yearOf(row.facts.date);
      const key = `${row.participantId}:${year}`;
      const group = groups.get(key) ?? { participantId: row.participantId, year, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }

    const keys = [...groups.keys()];
    const chunks: string[][] = [];
    for (let start = 0; start < keys.length; start += CHUNK) chunks.push(keys.slice(start, start + CHUNK));
    // Progress is saved after each chunk, one save at a time, each with the counts as they are then.
    let saved: Promise<void> = Promise.resolve();
    const touch = () => {
      job.heartbeatAt = this.clock.now().toISOString();
      return this.jobs.save(job);
    };
    // A chunk may take longer than the lease on a loaded database: the job is touched meanwhile too.
    // A heartbeat that fails is not the import's failure (the next one or the next chunk tries again).
    const heartbeat = setInterval(() => {
      saved = saved.then(() => touch().catch(() => undefined));
    }, IMPORT_HEARTBEAT_MS);
    heartbeat.unref?.();
    let next = 0;
    let failure: { error: unknown } | null = null;
    const work = async () => {
      while (next < chunks.length && !failure) {
        const chunk = chunks[next++];
        try {
          const outcome = await this.serialize(
            chunk.map((key) => aggregateKey(PARTICIPANT_YEARS_COLLECTION, key)),
            () => this.importChunk(chunk, groups, principal, context),
          );
          job.processed += outcome.rows;
          job.accepted += outcome.accepted;
          job.duplicates += outcome.duplicates;
          outcome.problems.forEach(reject);
          // The next chunk need not wait for this save: saves still go one at a time, in order.
          saved = saved.then(touch).catch((error: unknown) => {
            failure ??= { error };
          });
        } catch (error) {
          // No new chunk starts; those in flight finish, so nothing is left half-done behind the job.
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, chunks.length) }, work)).finally(() =>
      clearInterval(heartbeat),
    );
    await saved.catch(() => undefined);
    if (failure) throw (failure as { error: unknown }).error;
    await context;
    // Chunks finish in any order: the report lists the problems by line.
    job.problems.sort((a, b) => a.line - b.line);
    job.status = 'DONE';
    job.finishedAt = this.clock.now().toISOString();
    await touch();
    return job;
  }

  private async importChunk(
    chunk: string[],
    groups: Map<string, Group>,
    principal: Principal,
    known: Promise<ChunkContext>,
  ) {
    // Rows this upload stored in an earlier attempt at the chunk: found again, they count as
    // accepted, not as duplicates of an earlier upload.
    let storedByThisUpload = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const tried = new Set<string>();
      const [loaded, { participants, closedMonths }] = await Promise.all([this.years.loadMany(chunk), known]);
      const now = this.clock.now();
      const changes: Array<{ year: ParticipantYear; expectedVersion: number | null }> = [];
      const problems: ImportProblem[] = [];
      let accepted = 0;
      let duplicates = 0;
      let rows = 0;
      for (const key of chunk) {
        const group = groups.get(key)!;
        const participant = participants.get(group.participantId);
        if (!participant) {
          rows += group.rows.length;
          for (const row of group.rows)
            problems.push({
              line: row.line,
              code: 'IMPORT.PARTICIPANT_UNKNOWN',
              reason: 'This participant is not enrolled in your organisation.',
            });
          continue;
        }
        const stored = loaded.get(key);
        let year = stored?.year ?? emptyYear(participant, group.year);
        let changed = false;
        for (const row of group.rows) {
          rows += 1;
          if (year.prestations.some((p) => p.id === row.prestationId)) {
            if (storedByThisUpload.has(row.prestationId)) accepted += 1;
            else duplicates += 1;
            continue;
          }
          try {
            const authoring = { by: principal.userId, at: now.toISOString(), today: brusselsDateOf(now), closedMonths };
            year = recordPrestation(
              year,
              row.prestationId,
              row.facts,
              authoring,
              participant.trajectories,
              this.policy,
            ).year;
            accepted += 1;
            tried.add(row.prestationId);
            changed = true;
          } catch (error) {
            if (!isDomainError(error)) throw error;
            problems.push({ line: row.line, code: error.code, reason: error.message });
          }
        }
        if (changed) changes.push({ year, expectedVersion: stored?.version ?? null });
      }
      const written = await this.years.writeMany(changes);
      if (written === changes.length) return { rows, accepted, duplicates, problems };
      storedByThisUpload = new Set([...storedByThisUpload, ...tried]);
      // Another writer (an entry, another import, another replica) took the version step of one
      // of these participants (ADR 18). Rows already written are recognised by their ids, so
      // redoing the chunk is safe; as many attempts as every other aggregate write.
      if (attempt >= MAX_WRITE_ATTEMPTS)
        throw new DomainError(
          'HOURS.BUSY',
          'conflict',
          'The import met too many simultaneous changes; upload the file again.',
        );
    }
  }
}
