/**
 * Day and month arithmetic on Belgian calendar dates (YYYY-MM-DD) and months (YYYY-MM). Calendar
 * dates carry no time of day, so the arithmetic runs in UTC, where every day has 24 hours.
 */

function utcDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  const moved = utcDay(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return isoDate(moved);
}

/** The month (YYYY-MM) a date falls in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** `month` (YYYY-MM) moved by `count` months (negative: earlier). */
export function addMonths(month: string, count: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const total = year * 12 + (index - 1) + count;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The first day (YYYY-MM-01) of a month. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** The last day of a month: 28, 29, 30 or 31. */
export function lastDayOf(month: string): string {
  return addDays(firstDayOf(addMonths(month, 1)), -1);
}
