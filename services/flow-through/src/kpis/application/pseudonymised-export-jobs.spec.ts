import type { Principal } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { Readable } from 'node:stream';
import type { Organisation } from '../../organisations/domain/organisation';
import { emptyOrganisationMonth, recordParticipantMonth } from '../domain/organisation-month';
import { emptyRoster, recordReferral } from '../domain/roster';
import { KpiExports } from './kpi-exports';
import type { KpiQueries } from './kpi-queries';
import { ExportFiles, PseudonymisedExportJobs } from './pseudonymised-export-jobs';

const manager: Principal = { userId: 'manager', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-1' };
const otherManager: Principal = { ...manager, userId: 'other' };
const period = { from: '2026-03', to: '2026-03' };
const organisations = ['org-b', 'org-a'].map((id): Organisation => ({
  id,
  name: id,
  kind: 'WIJK_WERK',
  regionId: 'region-1',
}));

class MemoryFiles implements ExportFiles {
  readonly files = new Map<string, string>();
  async write(id: string, pieces: AsyncIterable<string>) {
    let text = '';
    for await (const piece of pieces) text += piece;
    this.files.set(id, text);
    return Buffer.byteLength(text);
  }
  read(id: string) {
    return Readable.from([this.files.get(id) ?? '']);
  }
  async remove(id: string) {
    this.files.delete(id);
  }
}

/** Six people with hours in March in each organisation; reading an organisation waits for `release`. */
function setUp() {
  const gates: (() => void)[] = [];
  const queries = {
    participantLevelScope: async (principal: Principal, query: { regionId?: string }) => {
      if (query.regionId && query.regionId !== principal.regionId)
        throw new DomainError('KPI.SCOPE_NOT_FOUND', 'not-found', 'no');
      return { period, organisations: [...organisations].sort((a, b) => a.id.localeCompare(b.id)) };
    },
    participantLevelOf: async (organisationId: string) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((p) => `${organisationId}-${p}`);
      let roster = emptyRoster(organisationId);
      for (const p of people) roster = recordReferral(roster, p, '2026-01-01', '1990-06-01');
      const month = people.reduce(
        (m, p) => recordParticipantMonth(m, p, { countedHours: 12, targetHours: 16 }),
        emptyOrganisationMonth(organisationId, 'region-1', '2026-03'),
      );
      return { roster, months: [month] };
    },
  } as unknown as KpiQueries;
  const files = new MemoryFiles();
  let n = 0;
  const jobs = new PseudonymisedExportJobs(
    queries,
    new KpiExports(queries, (key) => `ps-${key}`),
    files,
    () => `job-${++n}`,
    () => new Date('2026-04-02T10:00:00Z'),
  );
  const release = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { jobs, files, release };
}

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as DomainError).code;
  }
  return null;
};

describe('the pseudonymised export as a background job', () => {
  it('reports progress per organisation, refuses the file until it is written, then serves it', async () => {
    const { jobs, release } = setUp();
    const started = await jobs.start(manager, {});
    expect(started).toMatchObject({
      id: 'job-1',
      status: 'RUNNING',
      period,
      progress: { done: 0, total: 2, rows: 0, suppressedGroups: 0 },
      filename: 'kpis-gepseudonimiseerd-2026-03_2026-03.csv',
      finishedAt: null,
    });
    expect(codeOf(() => jobs.download(manager, 'job-1'))).toBe('KPI.EXPORT_NOT_READY');

    await release();
    expect(jobs.view(manager, 'job-1')).toMatchObject({ status: 'RUNNING', progress: { done: 1, total: 2, rows: 6 } });
    await release();
    await new Promise((resolve) => setImmediate(resolve));
    const done = jobs.view(manager, 'job-1');
    expect(done).toMatchObject({ status: 'DONE', progress: { done: 2, total: 2, rows: 12, suppressedGroups: 0 } });
    expect(done.finishedAt).toBe('2026-04-02T10:00:00.000Z');

    let text = '';
    for await (const chunk of jobs.download(manager, 'job-1').body) text += chunk;
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0].trim()).toBe(
      'Pseudoniem;Geboortejaren;Organisatie-id;Maand;Getelde uren;Streefdoel uren;Uitkomst;Uitkomstcode',
    );
    // Organisations in id order, whatever order the directory gave them in.
    expect(lines.slice(1).map((line) => line.split(';')[2])).toEqual([
      ...Array(6).fill('org-a'),
      ...Array(6).fill('org-b'),
    ]);
    expect(done.bytes).toBe(Buffer.byteLength(text));
  });

  it('is known only to the one who started it', async () => {
    const { jobs } = setUp();
    await jobs.start(manager, {});
    expect(codeOf(() => jobs.view(otherManager, 'job-1'))).toBe('KPI.EXPORT_NOT_FOUND');
    expect(codeOf(() => jobs.download(otherManager, 'job-1'))).toBe('KPI.EXPORT_NOT_FOUND');
    expect(codeOf(() => jobs.view(manager, 'job-2'))).toBe('KPI.EXPORT_NOT_FOUND');
  });

  it('refuses a request out of scope before starting anything', async () => {
    const { jobs, files } = setUp();
    await expect(jobs.start(manager, { regionId: 'region-2' })).rejects.toMatchObject({ code: 'KPI.SCOPE_NOT_FOUND' });
    expect(codeOf(() => jobs.view(manager, 'job-1'))).toBe('KPI.EXPORT_NOT_FOUND');
    expect(files.files.size).toBe(0);
  });
});
