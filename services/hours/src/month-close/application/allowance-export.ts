import { monthOf } from '@stapsteen/calendar';
import { Principal, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import type { ParticipantYearRepository } from '../../prestations/application/ports';
import { AllowanceRates, allowanceFor } from '../../prestations/domain/allowance';
import type { MonthCloseRepository } from './ports';

export interface AllowanceLine {
  participantId: string;
  displayName: string;
  countedHours: number;
  cheques: number;
  hoursCents: number;
  travelCents: number;
  totalCents: number;
}

const HEADERS = [
  'Deelnemer-id',
  'Deelnemer',
  'Getelde uren',
  'Cheques',
  'Vergoeding uren (EUR)',
  'Verplaatsing (EUR)',
  'Totaal (EUR)',
];
const euro = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** The allowances of a closed month, for the organisation's payment run. */
export class AllowanceExport {
  constructor(
    private readonly closes: MonthCloseRepository,
    private readonly years: ParticipantYearRepository,
    private readonly roster: ParticipantRoster,
    private readonly rates: AllowanceRates,
  ) {}

  async lines(principal: Principal, organisationId: string, month: string): Promise<AllowanceLine[]> {
    if (principal.role !== 'ADMIN' && !principal.organisationIds.includes(organisationId)) {
      throw new DomainError(
        'HOURS.ORGANISATION_NOT_FOUND',
        'not-found',
        'There is no such organisation in your scope.',
      );
    }
    const close = await this.closes.load(organisationId, month);
    if (!close) {
      throw new DomainError(
        'HOURS.MONTH_NOT_CLOSED',
        'rule-violation',
        `Close ${month} first: allowances are paid on closed months only.`,
        { month },
      );
    }
    const participants = await this.roster.list({ organisationId });
    const names = new Map(participants.map((p) => [p.participantId, p]));
    const loaded = await this.years.loadMany(close.results.map((r) => `${r.participantId}:${month.slice(0, 4)}`));
    const prestationsOf = new Map(
      [...loaded.values()].map(({ year: y }) => [
        y.participantId,
        y.prestations.filter((p) => monthOf(p.date) === month),
      ]),
    );
    return close.results
      .filter((result) => canAccess(principal, { organisationId, regionId: result.regionId }))
      .map((result) => ({
        participantId: result.participantId,
        displayName: names.get(result.participantId)?.displayName ?? '',
        ...allowanceFor(prestationsOf.get(result.participantId) ?? [], this.rates),
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl-BE'));
  }

  /** Semicolons and decimal commas, as Excel in Belgium reads them. */
  toCsv(lines: AllowanceLine[]): string {
    return stringify(
      [
        HEADERS,
        ...lines.map((l) => [
          l.participantId,
          l.displayName,
          l.countedHours,
          l.cheques,
          euro(l.hoursCents),
          euro(l.travelCents),
          euro(l.totalCents),
        ]),
      ],
      { delimiter: ';', bom: true },
    );
  }

  async toXlsx(lines: AllowanceLine[], month: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(`Vergoedingen ${month}`);
    sheet.addRow(HEADERS).font = { bold: true };
    for (const l of lines) {
      sheet.addRow([
        l.participantId,
        l.displayName,
        l.countedHours,
        l.cheques,
        l.hoursCents / 100,
        l.travelCents / 100,
        l.totalCents / 100,
      ]);
    }
    for (const column of [5, 6, 7]) sheet.getColumn(column).numFmt = '#,##0.00 [$€-813]';
    sheet.columns.forEach((column) => (column.width = 18));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
