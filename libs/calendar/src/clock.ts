/**
 * The one clock of Stapsteen. Days are Belgian calendar days (Europe/Brussels), whatever the
 * server's time zone. Outside production, `STAPSTEEN_TODAY=YYYY-MM-DD` moves "today": the clock then
 * starts at 12:00 Brussels time on that day when the process starts and runs on at real speed, so a
 * run shorter than twelve hours never crosses midnight (see docs/adr/0010-one-clock-and-today-override.md).
 */
import { CalendarDate, InvalidCalendarValueError, parseCalendarDate } from './calendar-date';

export interface Clock {
  now(): Date;
  /** Today's date in Brussels. */
  today(): CalendarDate;
}

export const CLOCK = Symbol('CLOCK');

const BRUSSELS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const BRUSSELS_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The Brussels calendar day an instant falls on (00:30 on 1 April in Brussels is 1 April, UTC or not). */
export function brusselsDateOf(instant: Date): CalendarDate {
  return BRUSSELS_DATE.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => brusselsDateOf(new Date()),
};

/** `STAPSTEEN_TODAY` refused: an impossible date, or set in production. */
export class InvalidTodayError extends InvalidCalendarValueError {
  override readonly name: string = 'InvalidTodayError';
}

/** The instant at 12:00 Brussels time on `day`: 11:00 UTC in winter, 10:00 UTC in summer. */
export function brusselsNoonOf(day: CalendarDate): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const noonUtc = Date.UTC(year, month - 1, date, 12);
  const offsetHours = Number(BRUSSELS_HOUR.format(new Date(noonUtc))) - 12; // 1 in winter, 2 in summer
  return new Date(noonUtc - offsetHours * 3_600_000);
}

function parseToday(day: string): CalendarDate {
  try {
    return parseCalendarDate(day, 'STAPSTEEN_TODAY');
  } catch (error) {
    throw new InvalidTodayError((error as Error).message);
  }
}

/**
 * A clock that starts at 12:00 Brussels time on `day` at `startedAt` (real time, ms) and then
 * runs on at real speed.
 */
export function clockStartingOn(day: string, startedAt: number = Date.now(), realNow: () => number = Date.now): Clock {
  const origin = brusselsNoonOf(parseToday(day)).getTime();
  const now = () => new Date(origin + (realNow() - startedAt));
  return { now, today: () => brusselsDateOf(now()) };
}

/**
 * The clock a process uses: the system clock, or, when `STAPSTEEN_TODAY` is set, a clock that
 * starts on that day. Refuses the override in production and refuses impossible dates.
 */
export function clockFromEnvironment(env: Record<string, string | undefined> = process.env): Clock {
  const today = env['STAPSTEEN_TODAY']?.trim();
  if (!today) return systemClock;
  if (env['NODE_ENV'] === 'production') {
    throw new InvalidTodayError(
      'STAPSTEEN_TODAY is set while NODE_ENV=production; the override is for development and tests only — unset it',
    );
  }
  return clockStartingOn(today);
}

/** A clock standing still at `instant` (ISO 8601 or a Date): for unit tests of rules that read the clock. */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant).getTime();
  return { now: () => new Date(at), today: () => brusselsDateOf(new Date(at)) };
}
