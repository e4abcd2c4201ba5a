/**
 * The one clock of Stapsteen. Days are Belgian calendar days (Europe/Brussels), whatever the
 * server's time zone. Outside production, `STAPSTEEN_TODAY=YYYY-MM-DD` moves "today": the clock then
 * starts at 12:00 Brussels time on that day when the process starts and runs on at real speed, so a
 * run shorter than twelve hours never crosses midnight (see docs/adr/0010-one-clock-and-today-override.md).
 */
export interface Clock {
  now(): Date;
  /** Today's date in Brussels, YYYY-MM-DD. */
  today(): string;
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

export function brusselsDateOf(instant: Date): string {
  return BRUSSELS_DATE.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => brusselsDateOf(new Date()),
};

export class InvalidTodayError extends Error {
  override readonly name = 'InvalidTodayError';
}

/** Checks a YYYY-MM-DD calendar date (29 February only in a leap year); answers it or throws. */
export function parseCalendarDate(value: string, what = 'STAPSTEEN_TODAY'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) throw new InvalidTodayError(`${what}=${value} is not a date of the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InvalidTodayError(`${what}=${value} is not a day of the calendar`);
  }
  return match[0];
}

/** The instant at 12:00 Brussels time on `day` (YYYY-MM-DD). */
export function brusselsNoonOf(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const noonUtc = Date.UTC(year, month - 1, date, 12);
  const offsetHours = Number(BRUSSELS_HOUR.format(new Date(noonUtc))) - 12; // 1 in winter, 2 in summer
  return new Date(noonUtc - offsetHours * 3_600_000);
}

/**
 * A clock that starts at 12:00 Brussels time on `day` at `startedAt` (real time, ms) and then
 * runs on at real speed.
 */
export function clockStartingOn(day: string, startedAt: number = Date.now(), realNow: () => number = Date.now): Clock {
  const origin = brusselsNoonOf(parseCalendarDate(day)).getTime();
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
