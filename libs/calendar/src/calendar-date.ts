/**
 * The calendar's value types: a Belgian calendar day (`CalendarDate`, YYYY-MM-DD) and a calendar
 * month (`Month`, YYYY-MM). They are flavoured strings (docs/adr/0031-calendar-values-as-flavoured-strings.md):
 * stored, published and compared as the plain strings they always were (ISO order is calendar
 * order), a plain string is accepted where one is asked for, but a `Month` is refused where a
 * `CalendarDate` is asked for and the other way round.
 *
 * The rule is the one of every edge (docs/adr/0016-one-rule-for-dates-months-and-ids.md): request
 * bodies, path and query parameters, event payloads, `STAPSTEEN_TODAY`. A day must exist (no
 * 31 February, no 29 February outside a leap year) and lie in the years 1900–2999.
 */
declare const flavour: unique symbol;

/** A day of the calendar, YYYY-MM-DD, years 1900–2999. */
export type CalendarDate = string & { readonly [flavour]?: 'CalendarDate' };

/** A month of the calendar, YYYY-MM, years 1900–2999. */
export type Month = string & { readonly [flavour]?: 'Month' };

/** Years Stapsteen deals in: birth dates from 1900, plans and trajectories well before 3000. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

export const CALENDAR_DATE_RULE = `must be a date that exists, as YYYY-MM-DD (years ${FIRST_YEAR}-${LAST_YEAR})`;
export const CALENDAR_MONTH_RULE = `must be a month as YYYY-MM (years ${FIRST_YEAR}-${LAST_YEAR})`;
export const CALENDAR_INSTANT_RULE = `must be a time as YYYY-MM-DDTHH:mm[:ss] with Z or an offset, on a day that exists (years ${FIRST_YEAR}-${LAST_YEAR})`;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const inYears = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** 28, 29, 30 or 31: the days of month `month` (1–12) of `year` (Gregorian leap years). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` naming a day that exists (no 31 February, no month 13, no year 0000). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || value.length !== 10) return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return inYears(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM` naming a month that exists. */
export function isCalendarMonth(value: unknown): value is Month {
  if (typeof value !== 'string' || value.length !== 7) return false;
  const match = MONTH.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  return inYears(Number(match[1])) && month >= 1 && month <= 12;
}

/**
 * A point in time as ISO 8601 with a zone (`2026-11-18T11:30:00+01:00`, `…Z`) whose calendar day
 * exists under the same rule as a date.
 */
export function isCalendarInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const match = INSTANT.exec(value);
  return !!match && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

/** A value refused by the calendar's rule; the message names where it came from. */
export class InvalidCalendarValueError extends Error {
  override readonly name: string = 'InvalidCalendarValueError';
}

/** Answers `value` (surrounding blanks removed) as a calendar date, or throws naming `what`. */
export function parseCalendarDate(value: string, what = 'date'): CalendarDate {
  const trimmed = value.trim();
  if (isCalendarDate(trimmed)) return trimmed;
  throw new InvalidCalendarValueError(
    DATE.test(trimmed)
      ? `${what}=${value} is not a day of the calendar (years ${FIRST_YEAR}-${LAST_YEAR})`
      : `${what}=${value} is not a date of the form YYYY-MM-DD`,
  );
}

/** Answers `value` (surrounding blanks removed) as a month, or throws naming `what`. */
export function parseMonth(value: string, what = 'month'): Month {
  const trimmed = value.trim();
  if (isCalendarMonth(trimmed)) return trimmed;
  throw new InvalidCalendarValueError(`${what}=${value} ${CALENDAR_MONTH_RULE}`);
}
