/**
 * The one rule for the dates, months and ids Stapsteen accepts, at every edge: request bodies, path
 * and query parameters (services' DTOs and pipes) and event payloads (contracts). A value that passes
 * here is one every consumer accepts too, so an impossible date never reaches the event stream.
 */

/** Years Stapsteen deals in: birth dates from 1900, plans and trajectories well before 3000. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

/** Ids are opaque: uuids for participants, slugs for organisations and regions, user ids. */
export const MAX_ID_LENGTH = 100;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:@-]{0,${MAX_ID_LENGTH - 1}}$`);

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const inYears = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** `YYYY-MM-DD` naming a day that exists (no 31 February, no month 13, no year 0000). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10) return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return inYears(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** `YYYY-MM` naming a month that exists. */
export function isCalendarMonth(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 7) return false;
  const match = MONTH.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  return inYears(Number(match[1])) && month >= 1 && month <= 12;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A point in time as ISO 8601 with a zone (`2026-11-18T11:30:00+01:00`, `…Z`) whose calendar day
 * exists under the same rule as a date.
 */
export function isCalendarInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const match = INSTANT.exec(value);
  return !!match && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

/** 1 to 100 letters, digits and `. _ : @ -`, starting with a letter or digit. */
export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ID_LENGTH && ID.test(value);
}

export const CALENDAR_DATE_RULE = `must be a date that exists, as YYYY-MM-DD (years ${FIRST_YEAR}-${LAST_YEAR})`;
export const CALENDAR_MONTH_RULE = `must be a month as YYYY-MM (years ${FIRST_YEAR}-${LAST_YEAR})`;
export const CALENDAR_INSTANT_RULE = `must be a time as YYYY-MM-DDTHH:mm[:ss] with Z or an offset, on a day that exists (years ${FIRST_YEAR}-${LAST_YEAR})`;
export const ENTITY_ID_RULE = `must be an id of 1 to ${MAX_ID_LENGTH} letters, digits or . _ : @ -`;
