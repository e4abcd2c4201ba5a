import type { Principal } from '@stapsteen/auth';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { HOURS_BUCKETS } from '../domain/kpi-arithmetic';
import type { Period } from '../domain/period';
import { OUTCOME_LABELS_NL } from '../domain/outcome-labels';
import { pseudonymisedRows } from '../domain/pseudonymised';
import type { KpiQueries, KpiQuery, OrganisationMonthRow } from './kpi-queries';

/** Excel number formats: shares as percentages, averages with one decimal, counts whole. */
const PERCENT = '0.0%';
const ONE_DECIMAL = '0.0';

/** Column headers in Dutch (the users' language), with the field each one shows and its format. */
const COLUMNS: {
  header: string;
  value: (row: OrganisationMonthRow) => string | number | null;
  numberFormat?: string;
}[] = [
  { header: 'Organisatie-id', value: (r) => r.organisationId },
  { header: 'Organisatie', value: (r) => r.organisationName },
  { header: 'Regio-id', value: (r) => r.regionId },
  { header: 'Maand', value: (r) => r.month },
  { header: 'Toegeleid', value: (r) => r.referred },
  { header: 'Gestart', value: (r) => r.started },
  { header: 'Actief', value: (r) => r.active },
  { header: 'Gecoacht', value: (r) => r.coached },
  { header: 'Coachingsgraad', value: (r) => r.coachingCoverage, numberFormat: PERCENT },
  { header: 'Uitgestroomd', value: (r) => r.ended },
  { header: 'Positief uitgestroomd', value: (r) => r.positiveOutflow },
  { header: 'Positieve uitstroom', value: (r) => r.positiveOutflowRate, numberFormat: PERCENT },
  { header: 'Deelnemer-maanden', value: (r) => r.participantMonths },
  { header: 'Gemiddeld getelde uren', value: (r) => r.averageCountedHours, numberFormat: ONE_DECIMAL },
  { header: 'Aandeel onder streefdoel', value: (r) => r.shareBelowTarget, numberFormat: PERCENT },
  ...HOURS_BUCKETS.map((bucket) => ({
    header: `Uren ${bucket}`,
    value: (r: OrganisationMonthRow) => r.buckets[bucket],
  })),
];

/** Belgian spreadsheets read a decimal comma; shares and averages keep four decimals. */
const csvNumber = (value: string | number | null) =>
  value === null
    ? ''
    : typeof value === 'number' && !Number.isInteger(value)
      ? value.toFixed(4).replace('.', ',')
      : String(value);

/** What the birth-year column says where fewer than five people of the group share the band. */
export const HIDDEN_BAND = 'verborgen (minder dan 5 personen)';

export interface ExportFile {
  body: Buffer;
  filename: string;
}

const periodName = (period: Period) => `${period.from}_${period.to}`;

export class KpiExports {
  constructor(
    private readonly queries: KpiQueries,
    private readonly pseudonymOf: (participantKey: string) => string,
  ) {}

  async csv(principal: Principal, query: KpiQuery): Promise<ExportFile> {
    const { period, rows } = await this.queries.organisationMonthRows(principal, query);
    const body = stringify(
      [COLUMNS.map((c) => c.header), ...rows.map((row) => COLUMNS.map((c) => csvNumber(c.value(row))))],
      { delimiter: ';', bom: true },
    );
    return { body: Buffer.from(body), filename: `kpis-${periodName(period)}.csv` };
  }

  async xlsx(principal: Principal, query: KpiQuery): Promise<ExportFile> {
    const { period, rows } = await this.queries.organisationMonthRows(principal, query);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(`KPI ${period.from} – ${period.to}`.slice(0, 31));
    sheet.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
    for (const row of rows) sheet.addRow(COLUMNS.map((c) => c.value(row)));
    COLUMNS.forEach((column, index) => {
      const sheetColumn = sheet.getColumn(index + 1);
      sheetColumn.width = Math.max(10, column.header.length + 2);
      if (column.numberFormat) sheetColumn.numFmt = column.numberFormat;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return { body: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `kpis-${periodName(period)}.xlsx` };
  }

  /**
   * Participant-months without names or ids; organisation-months under five people are left out.
   * Written in pieces, the header first and then one organisation at a time (by id), so an export
   * of a region holds one roster and its months in memory, never the region's. `progress` hears
   * after each organisation how far it got.
   */
  async *pseudonymisedCsv(
    scope: { period: Period; organisations: readonly { id: string }[] },
    progress: (progress: PseudonymisedProgress) => void = () => undefined,
  ): AsyncGenerator<string> {
    const { period, organisations } = scope;
    const state: PseudonymisedProgress = { done: 0, total: organisations.length, rows: 0, suppressedGroups: 0 };
    yield stringify([PSEUDONYMISED_HEADER], { delimiter: ';', bom: true });
    for (const organisation of organisations) {
      const { roster, months } = await this.queries.participantLevelOf(organisation.id, period);
      const inPeriod = months.filter((m) => m.month >= period.from && m.month <= period.to);
      const { rows, suppressedGroups } = pseudonymisedRows([roster], inPeriod, this.pseudonymOf);
      state.done += 1;
      state.rows += rows.length;
      state.suppressedGroups += suppressedGroups;
      if (rows.length > 0)
        yield stringify(
          rows.map((r) => [
            r.pseudonym,
            // Said in the cell, not left blank: a band shared by fewer than five could single someone out.
            r.birthYearBand ?? HIDDEN_BAND,
            r.organisationId,
            r.month,
            csvNumber(r.countedHours),
            csvNumber(r.targetHours),
            OUTCOME_LABELS_NL[r.outcome],
            r.outcome,
          ]),
          { delimiter: ';' },
        );
      progress({ ...state });
    }
  }
}

export interface PseudonymisedProgress {
  /** Organisations written, of `total`. */
  done: number;
  total: number;
  rows: number;
  /** Organisation-months left out because they had fewer than five participants. */
  suppressedGroups: number;
}

const PSEUDONYMISED_HEADER = [
  'Pseudoniem',
  'Geboortejaren',
  'Organisatie-id',
  'Maand',
  'Getelde uren',
  'Streefdoel uren',
  'Uitkomst',
  'Uitkomstcode',
];

export const pseudonymisedFilename = (period: Period) => `kpis-gepseudonimiseerd-${periodName(period)}.csv`;
