import type { Principal } from '@stapsteen/auth';
import ExcelJS from 'exceljs';
import { OrganisationMonth, emptyOrganisationMonth, recordParticipantMonth } from '../domain/organisation-month';
import { OrganisationRoster, emptyRoster, recordEnd, recordReferral, recordStart } from '../domain/roster';
import { HOURS_BUCKETS, type HoursBucket } from '../domain/kpi-arithmetic';
import { HIDDEN_BAND, KpiExports } from './kpi-exports';
import type { KpiQueries, OrganisationMonthRow } from './kpi-queries';

const manager: Principal = { userId: 'manager', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-1' };
const period = { from: '2026-03', to: '2026-03' };

const row: OrganisationMonthRow = {
  organisationId: 'org-1',
  organisationName: 'Wijk-werken Neteland',
  regionId: 'region-1',
  month: '2026-03',
  referred: 4,
  started: 3,
  active: 8,
  coached: 3,
  coachingCoverage: 3 / 8,
  ended: 2,
  positiveOutflow: 1,
  positiveOutflowRate: 1 / 2,
  participantMonths: 8,
  averageCountedHours: 17.25,
  shareBelowTarget: 1 / 8,
  buckets: Object.fromEntries(HOURS_BUCKETS.map((bucket) => [bucket, 2])) as Record<HoursBucket, number>,
};

function exportsOver(rosters: OrganisationRoster[], months: OrganisationMonth[]): KpiExports {
  const queries = {
    organisationMonthRows: async () => ({ period, rows: [row] }),
    participantLevelOf: async (organisationId: string) => ({
      roster: rosters.find((r) => r.organisationId === organisationId) ?? emptyRoster(organisationId),
      months: months.filter((m) => m.organisationId === organisationId),
    }),
  } as unknown as KpiQueries;
  return new KpiExports(queries, (key) => `ps-${key}`);
}

describe('KPI exports as their readers open them', () => {
  it('formats shares as percentages and averages with one decimal in the workbook, keeping the exact values', async () => {
    const file = await exportsOver([], []).xlsx(manager, {});
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (header: string) => sheet.getRow(2).getCell(headers.indexOf(header) + 1);
    expect(cell('Coachingsgraad')).toMatchObject({ value: 0.375, numFmt: '0.0%' });
    expect(cell('Positieve uitstroom')).toMatchObject({ value: 0.5, numFmt: '0.0%' });
    expect(cell('Aandeel onder streefdoel')).toMatchObject({ value: 0.125, numFmt: '0.0%' });
    expect(cell('Gemiddeld getelde uren')).toMatchObject({ value: 17.25, numFmt: '0.0' });
    expect(cell('Actief').value).toBe(8);
    expect(file.filename).toBe('kpis-2026-03_2026-03.xlsx');
  });

  it('writes outcomes in Dutch beside their code, and says why a birth-year band is hidden', async () => {
    const people = ['a1', 'a2', 'a3', 'a4', 'a5', 'b1'];
    let roster = emptyRoster('org-1');
    for (const p of people.slice(0, 5)) roster = recordReferral(roster, p, '2026-01-01', '1990-06-01');
    roster = recordReferral(roster, 'b1', '2026-01-01', '1961-06-01');
    roster = recordStart(roster, 'a1', 't1', '2026-01-05', false);
    roster = recordEnd(roster, 'a1', 't1', { endedOn: '2026-03-20', destination: 'NEC_JOB', positiveOutflow: true });
    const month = people.reduce(
      (m, p) => recordParticipantMonth(m, p, { countedHours: 12, targetHours: 16 }),
      emptyOrganisationMonth('org-1', 'region-1', '2026-03'),
    );
    let text = '';
    for await (const piece of exportsOver([roster], [month]).pseudonymisedCsv({
      period,
      organisations: [{ id: 'org-1' }],
    }))
      text += piece;
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header.trim()).toBe(
      'Pseudoniem;Geboortejaren;Organisatie-id;Maand;Getelde uren;Streefdoel uren;Uitkomst;Uitkomstcode',
    );
    const byPseudonym = new Map(lines.map((line) => [line.split(';')[0], line.trim().split(';')]));
    expect(byPseudonym.get('ps-a1')).toEqual([
      'ps-a1',
      '1990-1994',
      'org-1',
      '2026-03',
      '12',
      '16',
      'Job in het normaal economisch circuit',
      'NEC_JOB',
    ]);
    expect(byPseudonym.get('ps-a2')?.slice(6)).toEqual(['Loopt nog', 'ONGOING']);
    expect(byPseudonym.get('ps-b1')?.[1]).toBe(HIDDEN_BAND);
    expect(lines.every((line) => line.split(';').every((cell) => cell.trim() !== ''))).toBe(true);
  });
});
