import { isCalendarDate } from '@stapsteen/calendar';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { GEBRUIKER_KINDS, GebruikerKind, PrestationFacts } from '../../domain/prestation';

export interface ImportRow {
  /** The line in the file, header = 1, so the organiser finds it in the spreadsheet. */
  line: number;
  participantId: string;
  facts: PrestationFacts;
  /** Derived from the row's content, so uploading the same file twice finds the same ids. */
  prestationId: string;
}

export interface RowProblem {
  line: number;
  code: string;
  reason: string;
}

export const MAX_IMPORT_ROWS = 100_000;

const HEADERS: Record<keyof Omit<ParsedColumns, never>, string[]> = {
  participantId: ['participantid', 'deelnemer', 'deelnemerid'],
  date: ['date', 'datum'],
  minutes: ['minutes', 'minuten'],
  duration: ['duration', 'duur'],
  gebruikerKind: ['gebruikerkind', 'gebruikertype', 'typegebruiker', 'soortgebruiker'],
  gebruikerReference: ['gebruiker', 'gebruikerreference', 'gebruikernaam'],
  activity: ['activity', 'activiteit'],
  kilometres: ['kilometres', 'kilometers', 'km'],
};

interface ParsedColumns {
  participantId: number;
  date: number;
  minutes: number;
  duration: number;
  gebruikerKind: number;
  gebruikerReference: number;
  activity: number;
  kilometres: number;
}

const KIND_WORDS: Record<string, GebruikerKind> = {
  particulier: 'PRIVATE_PERSON',
  privepersoon: 'PRIVATE_PERSON',
  school: 'SCHOOL',
  lokaalbestuur: 'LOCAL_GOVERNMENT',
  gemeente: 'LOCAL_GOVERNMENT',
  ocmw: 'LOCAL_GOVERNMENT',
  vzw: 'NON_PROFIT',
  vereniging: 'NON_PROFIT',
  landentuinbouw: 'AGRICULTURE',
  landbouw: 'AGRICULTURE',
  tuinbouw: 'AGRICULTURE',
};

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function kindOf(value: string): GebruikerKind | undefined {
  const upper = value.trim().toUpperCase();
  if ((GEBRUIKER_KINDS as readonly string[]).includes(upper)) return upper as GebruikerKind;
  return KIND_WORDS[normalise(value)];
}

/**
 * 2026-10-06, 6/10/2026 or 06-10-2026 (Belgian day-month order), then held to the one date rule
 * of every API (`isCalendarDate`: a day that exists, years 1900-2999).
 */
function dateOf(value: string): string | undefined {
  const text = value.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let parts: [string, string, string];
  if (match) parts = [match[1], match[2], match[3]];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) parts = [match[3], match[2], match[1]];
  else return undefined;
  const [year, month, day] = parts;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

/**
 * Minutes from a minutes column ("135"), or from the duration column as the import help promises:
 * "2:15", "2u15" or a plain number of minutes ("135").
 */
function minutesOf(minutes: string | undefined, duration: string | undefined): number | undefined {
  if (minutes !== undefined && minutes.trim() !== '') {
    return /^\d{1,5}$/.test(minutes.trim()) ? Number(minutes.trim()) : undefined;
  }
  const text = duration?.trim();
  if (!text) return undefined;
  if (/^\d{1,5}$/.test(text)) return Number(text);
  const match = /^(\d{1,2})\s*[:uh]\s*([0-5]\d)$/i.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function kilometresOf(value: string | undefined): number | null | undefined {
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value.trim().replace(',', '.'));
  return Number.isFinite(number) && number >= 0 && number <= 500 ? Math.round(number * 10) / 10 : undefined;
}

function idFor(organisationId: string, row: Omit<ImportRow, 'prestationId' | 'line'>, occurrence: number): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([organisationId, row.participantId, row.facts, occurrence]))
    .digest('hex');
  // Shaped as a UUID (version 5 style), like the ids of prestations entered by hand.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Reads a month's prestations from a CSV export (comma or semicolon, Dutch or English headers).
 * Every row is checked on its own: a bad row is reported with its line and reason and never
 * stops the good ones.
 */
export function readPrestationCsv(
  content: Buffer,
  organisationId: string,
): { rows: ImportRow[]; problems: RowProblem[]; total: number } {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  // A NUL is in no text CSV (UTF-16 files and binaries have them); stored, it failed the whole
  // import on the PostgreSQL back end instead of being reported.
  if (text.includes('\u0000'))
    return {
      rows: [],
      problems: [
        {
          line: 1,
          code: 'IMPORT.MALFORMED_CSV',
          reason: 'The file holds NUL characters: it is not a UTF-8 text CSV (save it as "CSV UTF-8").',
        },
      ],
      total: 0,
    };
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: MAX_IMPORT_ROWS + 2,
    });
  } catch (error) {
    return {
      rows: [],
      problems: [
        { line: 1, code: 'IMPORT.MALFORMED_CSV', reason: `The file is not readable CSV: ${(error as Error).message}` },
      ],
      total: 0,
    };
  }
  if (records.length === 0)
    return { rows: [], problems: [{ line: 1, code: 'IMPORT.EMPTY', reason: 'The file is empty.' }], total: 0 };
  const header = records[0].map(normalise);
  const column = Object.fromEntries(
    Object.entries(HEADERS).map(([field, names]) => [field, header.findIndex((h) => names.includes(h))]),
  ) as unknown as ParsedColumns;
  const missing = (['participantId', 'date', 'gebruikerKind', 'gebruikerReference', 'activity'] as const).filter(
    (f) => column[f] === -1,
  );
  if (column.minutes === -1 && column.duration === -1) missing.push('minutes' as never);
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [{ line: 1, code: 'IMPORT.MISSING_COLUMNS', reason: `Missing columns: ${missing.join(', ')}` }],
      total: records.length - 1,
    };
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      problems: [{ line: 1, code: 'IMPORT.TOO_MANY_ROWS', reason: `At most ${MAX_IMPORT_ROWS} rows per file.` }],
      total: records.length - 1,
    };
  }

  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  const occurrences = new Map<string, number>();
  const cell = (record: string[], index: number) => (index === -1 ? undefined : record[index]);
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    const reject = (code: string, reason: string) => problems.push({ line, code, reason });
    const participantId = cell(record, column.participantId)?.trim() ?? '';
    if (!UUID.test(participantId))
      return reject('IMPORT.PARTICIPANT_INVALID', 'The participant column holds no participant id.');
    const date = dateOf(cell(record, column.date) ?? '');
    if (!date) return reject('IMPORT.DATE_INVALID', 'The date is not a real day (use 2026-10-06 or 6/10/2026).');
    const minutes = minutesOf(cell(record, column.minutes), cell(record, column.duration));
    if (minutes === undefined)
      return reject('IMPORT.DURATION_INVALID', 'The duration is missing or not a number of minutes (or h:mm).');
    const kind = kindOf(cell(record, column.gebruikerKind) ?? '');
    if (!kind)
      return reject(
        'IMPORT.GEBRUIKER_KIND_INVALID',
        `Unknown kind of gebruiker; use one of ${GEBRUIKER_KINDS.join(', ')}.`,
      );
    const reference = (cell(record, column.gebruikerReference) ?? '').trim();
    if (reference.length < 1 || reference.length > 120)
      return reject('IMPORT.GEBRUIKER_INVALID', 'The gebruiker is missing or longer than 120 characters.');
    const activity = (cell(record, column.activity) ?? '').trim();
    if (activity.length < 1 || activity.length > 80)
      return reject('IMPORT.ACTIVITY_INVALID', 'The activity is missing or longer than 80 characters.');
    const kilometres = kilometresOf(cell(record, column.kilometres));
    if (kilometres === undefined)
      return reject('IMPORT.KILOMETRES_INVALID', 'The kilometres are not a number between 0 and 500.');
    const row = {
      participantId: participantId.toLowerCase(),
      facts: { date, minutes, gebruiker: { kind, reference }, activity, kilometres },
    };
    const signature = JSON.stringify(row);
    const occurrence = (occurrences.get(signature) ?? 0) + 1;
    occurrences.set(signature, occurrence);
    rows.push({ ...row, line, prestationId: idFor(organisationId, row, occurrence) });
  });
  return { rows, problems, total: records.length - 1 };
}
