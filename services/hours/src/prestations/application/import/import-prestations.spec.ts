import type { Principal } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import {
  InMemoryImportJobs,
  InMemoryMonthCloses,
  InMemoryParticipantYears,
  InMemoryRoster,
  clockAt,
} from '../../../../test/in-memory-hours';
import type { RosterEntry } from '../../../participants/application/participant-roster';
import { IMPORT_HEARTBEAT_MS, IMPORT_STALE_AFTER_MS, ImportPrestations } from './import-prestations';

const ORG = 'org-neteland';
const SOFIE = '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c';
const YOUSSEF = '0b7e2d4c-8a1f-4c3e-9d2b-5e6f7a8b9c0d';
const STRANGER = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const organiser: Principal = { userId: 'organiser-1', role: 'ORGANISER', organisationIds: [ORG], regionId: 'r-1' };
const person = (participantId: string): RosterEntry => ({
  participantId,
  organisationId: ORG,
  regionId: 'r-1',
  displayName: 'Deelnemer',
  coachId: null,
  monthlyHoursTarget: null,
  exPwa: false,
  trajectories: [{ trajectoryId: `t-${participantId}`, startedOn: '2025-09-01', endedOn: null, suspensions: [] }],
});

function setUp() {
  const years = new InMemoryParticipantYears();
  const closes = new InMemoryMonthCloses();
  const jobs = new InMemoryImportJobs();
  const roster = new InMemoryRoster([person(SOFIE), person(YOUSSEF)]);
  const imports = new ImportPrestations(years, roster, closes, jobs, clockAt('2026-03-10T11:00:00Z'), {
    monthlyCap: 60,
    yearlyCap: 630,
    dailyMaximumMinutes: 720,
  });
  const run = async (...rows: string[]) => {
    const file = Buffer.from(['deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit', ...rows].join('\n'));
    const { job, done } = await imports.start(organiser, ORG, 'prestaties.csv', file);
    const finished = await done;
    expect(await jobs.find(job.id)).toEqual(finished);
    return finished;
  };
  const minutesOf = (participantId: string) =>
    (years.get(participantId, 2026)?.prestations ?? []).filter((p) => !p.deleted).map((p) => `${p.date} ${p.minutes}`);
  return { imports, years, closes, jobs, run, minutesOf };
}

const row = (participantId: string, date: string, minutes: number) =>
  `${participantId};${date};${minutes};vzw;Kringwinkel;Sorteren`;

async function refusal(attempt: Promise<unknown>): Promise<DomainError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('importing prestations', () => {
  it('refuses the row that takes a day over 12 hours and keeps the rows around it', async () => {
    const { run, minutesOf } = setUp();
    const job = await run(
      row(SOFIE, '2026-02-05', 480),
      row(SOFIE, '2026-02-05', 300),
      row(SOFIE, '2026-02-05', 240),
      row(YOUSSEF, '2026-02-05', 720),
    );
    expect(job).toMatchObject({ status: 'DONE', total: 4, processed: 4, accepted: 3, duplicates: 0, rejected: 1 });
    expect(job.problems).toEqual([{ line: 3, code: 'HOURS.DAY_LIMIT_EXCEEDED', reason: expect.any(String) }]);
    expect(minutesOf(SOFIE)).toEqual(['2026-02-05 480', '2026-02-05 240']);
    expect(minutesOf(YOUSSEF)).toEqual(['2026-02-05 720']);
  });

  it('refuses the rows above the month’s 60 hours, and every row of a closed month (they need a reason)', async () => {
    const { run, closes, minutesOf } = setUp();
    closes.markClosed(ORG, '2026-01');
    const job = await run(
      ...['02', '03', '04', '05', '06'].map((day) => row(SOFIE, `2026-02-${day}`, 720)),
      row(SOFIE, '2026-02-09', 1),
      row(SOFIE, '2026-01-20', 60),
      row(YOUSSEF, '2026-03-02', 60),
    );
    expect(job).toMatchObject({ accepted: 6, rejected: 2 });
    expect(job.problems.map((p) => [p.line, p.code])).toEqual([
      [7, 'HOURS.MONTHLY_CAP_EXCEEDED'],
      [8, 'HOURS.REASON_REQUIRED_AFTER_CLOSE'],
    ]);
    expect(minutesOf(SOFIE)).toHaveLength(5);
    expect(minutesOf(YOUSSEF)).toEqual(['2026-03-02 60']);
  });

  it('reports bad rows and unknown participants with their lines, next to the stored good rows', async () => {
    const { run, minutesOf } = setUp();
    const job = await run(
      row(SOFIE, '2026-02-05', 60),
      row(SOFIE, '1899-02-05', 60),
      row(STRANGER, '2026-02-05', 60),
      row(SOFIE, '2026-03-11', 60),
    );
    expect(job).toMatchObject({ total: 4, processed: 4, accepted: 1, rejected: 3 });
    expect(job.problems.map((p) => [p.line, p.code]).sort()).toEqual([
      [3, 'IMPORT.DATE_INVALID'],
      [4, 'IMPORT.PARTICIPANT_UNKNOWN'],
      [5, 'HOURS.DATE_IN_FUTURE'],
    ]);
    expect(minutesOf(SOFIE)).toEqual(['2026-02-05 60']);
  });

  it('recognises the rows of an earlier upload of the same file and adds nothing', async () => {
    const { run, minutesOf } = setUp();
    const rows = [row(SOFIE, '2026-02-05', 60), row(SOFIE, '2026-02-05', 60), row(YOUSSEF, '2026-02-06', 90)];
    expect(await run(...rows)).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(await run(...rows)).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
    expect(minutesOf(SOFIE)).toEqual(['2026-02-05 60', '2026-02-05 60']);
    expect(minutesOf(YOUSSEF)).toEqual(['2026-02-06 90']);
  });

  it('redoes a chunk another writer changed meanwhile, deciding against the new day total', async () => {
    const { run, years, minutesOf } = setUp();
    await run(row(SOFIE, '2026-02-04', 60));
    years.beforeNextWrite(() => {
      const year = years.get(SOFIE, 2026)!;
      const other = { ...year.prestations[0], id: 'entered-by-hand', date: '2026-02-05', minutes: 600 };
      years.put({ ...year, prestations: [...year.prestations, other] });
    });
    const job = await run(row(SOFIE, '2026-02-05', 180), row(YOUSSEF, '2026-02-05', 180));
    expect(job).toMatchObject({ accepted: 1, rejected: 1 });
    expect(job.problems.map((p) => [p.line, p.code])).toEqual([[2, 'HOURS.DAY_LIMIT_EXCEEDED']]);
    expect(minutesOf(SOFIE)).toEqual(['2026-02-04 60', '2026-02-05 600']);
    expect(minutesOf(YOUSSEF)).toEqual(['2026-02-05 180']);
  });

  it('works on several chunks of participants at once, at most four, and reports the problems by line', async () => {
    const years = new InMemoryParticipantYears();
    const people = Array.from({ length: 450 }, (_, i) =>
      person(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    );
    const jobs = new InMemoryImportJobs();
    const imports = new ImportPrestations(
      years,
      new InMemoryRoster(people),
      new InMemoryMonthCloses(),
      jobs,
      clockAt('2026-03-10T11:00:00Z'),
      { monthlyCap: 60, yearlyCap: 630, dailyMaximumMinutes: 720 },
    );
    let reading = 0;
    let most = 0;
    const loadMany = years.loadMany.bind(years);
    years.loadMany = async (keys) => {
      most = Math.max(most, ++reading);
      await new Promise((resolve) => setImmediate(resolve));
      reading -= 1;
      return loadMany(keys);
    };
    // Each participant one row, and the last of them a second row that takes the day over 12 hours.
    const rows = people.map((p) => row(p.participantId, '2026-02-05', 600));
    rows.push(row(people[449].participantId, '2026-02-05', 600), row(STRANGER, '2026-02-05', 60));
    const file = Buffer.from(['deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit', ...rows].join('\n'));
    const { job, done } = await imports.start(organiser, ORG, 'prestaties.csv', file);
    const finished = await done;
    expect(finished).toMatchObject({ status: 'DONE', total: 452, processed: 452, accepted: 450, rejected: 2 });
    expect(finished.problems.map((p) => [p.line, p.code])).toEqual([
      [452, 'HOURS.DAY_LIMIT_EXCEEDED'],
      [453, 'IMPORT.PARTICIPANT_UNKNOWN'],
    ]);
    expect(await jobs.find(job.id)).toEqual(finished);
    expect(people.every((p) => years.get(p.participantId, 2026)?.prestations.length === 1)).toBe(true);
    expect(most).toBe(4);
  });

  it('reads the participant-years while the organisation’s roster is still on its way, and writes none of a stranger', async () => {
    const years = new InMemoryParticipantYears();
    // The stranger has a participant-year in another organisation: read with the chunk, never written.
    years.put({ participantId: STRANGER, organisationId: 'org-elders', regionId: 'r-2', year: 2026, prestations: [] });
    const roster = new InMemoryRoster([person(SOFIE), person(YOUSSEF)]);
    // The roster answers only once the participant-years are being read: an import that waits for
    // the roster before reading any participant-year never finishes (the roster list of a large
    // organisation is the longest single read of an import; ADR 34).
    let yearsRead!: () => void;
    const reading = new Promise<void>((resolve) => (yearsRead = resolve));
    const list = roster.list.bind(roster);
    roster.list = async (query) => {
      await reading;
      return list(query);
    };
    const loadMany = years.loadMany.bind(years);
    years.loadMany = (keys) => {
      yearsRead();
      return loadMany(keys);
    };
    const jobs = new InMemoryImportJobs();
    const imports = new ImportPrestations(
      years,
      roster,
      new InMemoryMonthCloses(),
      jobs,
      clockAt('2026-03-10T11:00:00Z'),
      {
        monthlyCap: 60,
        yearlyCap: 630,
        dailyMaximumMinutes: 720,
      },
    );
    const file = Buffer.from(
      [
        'deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit',
        row(SOFIE, '2026-02-05', 60),
        row(STRANGER, '2026-02-05', 60),
        row(YOUSSEF, '2026-02-06', 90),
      ].join('\n'),
    );
    const { done } = await imports.start(organiser, ORG, 'prestaties.csv', file);
    const finished = await done;
    expect(finished).toMatchObject({ status: 'DONE', total: 3, processed: 3, accepted: 2, rejected: 1 });
    expect(finished.problems.map((p) => [p.line, p.code])).toEqual([[3, 'IMPORT.PARTICIPANT_UNKNOWN']]);
    expect(years.get(STRANGER, 2026)).toMatchObject({ organisationId: 'org-elders', prestations: [] });
    expect(years.get(SOFIE, 2026)?.prestations).toHaveLength(1);
    expect(years.get(YOUSSEF, 2026)?.prestations).toHaveLength(1);
  });

  it('refuses a file without the needed columns, and an organisation not the organiser’s, before any job', async () => {
    const { imports, jobs } = setUp();
    const missing = await refusal(imports.start(organiser, ORG, 'x.csv', Buffer.from('deelnemer;datum\nx;y')));
    expect(missing.code).toBe('IMPORT.MISSING_COLUMNS');
    const elsewhere = await refusal(
      imports.start(organiser, 'org-herentals', 'x.csv', Buffer.from(row(SOFIE, '2026-02-05', 60))),
    );
    expect(elsewhere.code).toBe('AUTH.OUT_OF_SCOPE');
    expect(jobs.all()).toEqual([]);
  });

  describe('an import whose process died', () => {
    const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    const START = '2026-03-10T11:00:00.000Z';

    it('is seen as FAILED once it has given no sign of life for the lease, and not before', async () => {
      const { jobs } = setUp();
      let now = START;
      const clock = { now: () => new Date(now), today: () => now.slice(0, 10) };
      const imports = new ImportPrestations(
        new InMemoryParticipantYears(),
        new InMemoryRoster([]),
        new InMemoryMonthCloses(),
        jobs,
        clock,
        { monthlyCap: 60, yearlyCap: 630, dailyMaximumMinutes: 720 },
      );
      const job = {
        id: 'a1e8f0a4-1d3b-4c59-9a7e-2b6c8d9e0f11',
        organisationId: ORG,
        filename: 'prestaties.csv',
        status: 'RUNNING' as const,
        total: 10,
        processed: 4,
        accepted: 4,
        duplicates: 0,
        rejected: 0,
        problems: [],
        startedBy: 'organiser-1',
        startedAt: START,
        finishedAt: null,
        heartbeatAt: START,
      };
      await jobs.create(job);
      now = at(START, IMPORT_STALE_AFTER_MS);
      expect((await imports.find(job.id))?.status).toBe('RUNNING');
      now = at(START, IMPORT_STALE_AFTER_MS + 1000);
      expect(await imports.find(job.id)).toEqual({ ...job, status: 'FAILED' });
      // Stored before heartbeats existed: its start counts.
      const { heartbeatAt: _none, ...older } = { ...job, id: 'b2f9a1b5-2e4c-4d6a-8b8f-3c7d9e0f1a22' };
      await jobs.create(older);
      expect((await imports.find(older.id))?.status).toBe('FAILED');
      // A finished job stays what it is.
      await jobs.create({ ...job, id: 'c3a0b2c6-3f5d-4e7b-9c90-4d8e0f1a2b33', status: 'DONE' });
      expect((await imports.find('c3a0b2c6-3f5d-4e7b-9c90-4d8e0f1a2b33'))?.status).toBe('DONE');
      expect(await imports.find('d4b1c3d7-4a6e-4f8c-8da1-5e9f1a2b3c44')).toBeNull();
    });

    it('keeps beating while a slow chunk is written, so a live import is never taken for a dead one', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        const years = new InMemoryParticipantYears();
        const jobs = new InMemoryImportJobs();
        let now = START;
        const clock = { now: () => new Date(now), today: () => now.slice(0, 10) };
        const imports = new ImportPrestations(
          years,
          new InMemoryRoster([person(SOFIE)]),
          new InMemoryMonthCloses(),
          jobs,
          clock,
          { monthlyCap: 60, yearlyCap: 630, dailyMaximumMinutes: 720 },
        );
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const writeMany = years.writeMany.bind(years);
        years.writeMany = async (changes) => {
          await gate;
          return writeMany(changes);
        };
        const file = Buffer.from(
          ['deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit', row(SOFIE, '2026-02-05', 60)].join('\n'),
        );
        const { job, done } = await imports.start(organiser, ORG, 'prestaties.csv', file);
        // Three leases pass while the chunk's write hangs; the import beats all along.
        for (let beat = 1; beat <= (3 * IMPORT_STALE_AFTER_MS) / IMPORT_HEARTBEAT_MS; beat++) {
          now = at(START, beat * IMPORT_HEARTBEAT_MS);
          await jest.advanceTimersByTimeAsync(IMPORT_HEARTBEAT_MS);
          expect(await imports.find(job.id)).toMatchObject({ status: 'RUNNING', heartbeatAt: now });
        }
        release();
        expect(await done).toMatchObject({ status: 'DONE', accepted: 1 });
        expect((await jobs.find(job.id))?.status).toBe('DONE');
      } finally {
        jest.useRealTimers();
      }
    });
  });
});
