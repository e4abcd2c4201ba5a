import { randomUUID } from 'node:crypto';
import type { ImportJob, ImportJobRepository } from '../../src/prestations/application/ports';
import type { Make } from './participant-years.contract';

const aJob = (): ImportJob => ({
  id: randomUUID(),
  organisationId: 'org-neteland',
  filename: 'prestaties-maart.csv',
  status: 'RUNNING',
  total: 120,
  processed: 0,
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  problems: [],
  startedBy: 'organiser-1',
  startedAt: '2026-03-28T10:00:00.000Z',
  finishedAt: null,
});

/** What every ImportJobRepository promises, run against the in-memory fake and the MongoDB adapter alike. */
export function describeImportJobRepositoryContract(name: string, make: Make<ImportJobRepository>) {
  describe(`${name} keeps the ImportJobRepository contract`, () => {
    let jobs: ImportJobRepository;
    beforeEach(async () => {
      jobs = await make();
    });

    it('finds no job that was never created', async () => {
      expect(await jobs.find(randomUUID())).toBeNull();
    });

    it('creates a job and finds it as it was given', async () => {
      const job = aJob();
      await jobs.create(job);
      expect(await jobs.find(job.id)).toEqual(job);
    });

    it('refuses to create a job whose id exists, and keeps the first', async () => {
      const job = aJob();
      await jobs.create(job);
      await expect(jobs.create({ ...job, filename: 'other.csv' })).rejects.toThrow();
      expect(await jobs.find(job.id)).toEqual(job);
    });

    it('saves a created job whole: its progress, problems and end', async () => {
      const job = aJob();
      await jobs.create(job);
      const done: ImportJob = {
        ...job,
        status: 'DONE',
        processed: 120,
        accepted: 117,
        duplicates: 1,
        rejected: 2,
        problems: [{ line: 14, code: 'IMPORT.DATE_INVALID', reason: 'Not a date that exists.' }],
        finishedAt: '2026-03-28T10:00:09.000Z',
      };
      await jobs.save(done);
      expect(await jobs.find(job.id)).toEqual(done);
    });

    it('saves only a job that was created: a save of an unknown id stores nothing', async () => {
      const job = aJob();
      await jobs.save(job);
      expect(await jobs.find(job.id)).toBeNull();
    });

    it('hands out copies: changing what it was given or gave back changes nothing stored', async () => {
      const job = aJob();
      const kept = structuredClone(job);
      await jobs.create(job);
      job.problems.push({ line: 1, code: 'X', reason: 'x' });
      job.processed = 5;
      const found = await jobs.find(job.id);
      found!.problems.push({ line: 2, code: 'Y', reason: 'y' });
      expect(await jobs.find(job.id)).toEqual(kept);
    });
  });
}
