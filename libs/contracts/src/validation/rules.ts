/**
 * The one rule for the dates, months and ids Stapsteen accepts, at every edge: request bodies, path
 * and query parameters (services' DTOs and pipes) and event payloads (contracts). A value that passes
 * here is one every consumer accepts too, so an impossible date never reaches the event stream.
 * Dates, months and instants are the calendar's own rule (`@stapsteen/calendar`); ids are here.
 */
export {
  CALENDAR_DATE_RULE,
  CALENDAR_INSTANT_RULE,
  CALENDAR_MONTH_RULE,
  FIRST_YEAR,
  LAST_YEAR,
  isCalendarDate,
  isCalendarInstant,
  isCalendarMonth,
} from '@stapsteen/calendar';

/** Ids are opaque: uuids for participants, slugs for organisations and regions, user ids. */
export const MAX_ID_LENGTH = 100;

const ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:@-]{0,${MAX_ID_LENGTH - 1}}$`);

/** 1 to 100 letters, digits and `. _ : @ -`, starting with a letter or digit. */
export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ID_LENGTH && ID.test(value);
}

export const ENTITY_ID_RULE = `must be an id of 1 to ${MAX_ID_LENGTH} letters, digits or . _ : @ -`;
