import { DomainError } from '@stapsteen/errors';
import { isCalendarMonth } from '@stapsteen/contracts';

/** A reporting period of whole calendar months (YYYY-MM), both ends included. */
export interface Period {
  from: string;
  to: string;
}

/** The longest period a dashboard or export may ask for. */
export const MAX_PERIOD_MONTHS = 36;
/** The period when none is given: the twelve months up to and including the current one. */
export const DEFAULT_PERIOD_MONTHS = 12;

export function addMonths(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1 + count, 1)).toISOString().slice(0, 7);
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/** Every month of the period, oldest first. */
export function monthsOf(period: Period): string[] {
  const count = monthsBetween(period.from, period.to) + 1;
  return Array.from({ length: count }, (_, i) => addMonths(period.from, i));
}

export const firstDayOf = (month: string) => `${month}-01`;

export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** Whether a calendar date (YYYY-MM-DD) lies in the period. */
export function inPeriod(date: string | null, period: Period): date is string {
  if (!date) return false;
  const month = date.slice(0, 7);
  return month >= period.from && month <= period.to;
}

/**
 * The period a caller asked for, with the defaults filled in relative to the current Belgian
 * month. One end alone keeps the default length from (or up to) that end.
 */
export function resolvePeriod(requested: { from?: string; to?: string }, currentMonth: string): Period {
  for (const [name, value] of Object.entries(requested)) {
    if (value !== undefined && !isCalendarMonth(value)) {
      throw new DomainError('KPI.MONTH_INVALID', 'validation', `${name} must be a month as YYYY-MM.`, {
        [name]: value,
      });
    }
  }
  const to = requested.to ?? (requested.from ? addMonths(requested.from, DEFAULT_PERIOD_MONTHS - 1) : currentMonth);
  const from = requested.from ?? addMonths(to, -(DEFAULT_PERIOD_MONTHS - 1));
  if (from > to) {
    throw new DomainError('KPI.PERIOD_REVERSED', 'validation', 'from must not lie after to.', { from, to });
  }
  const length = monthsBetween(from, to) + 1;
  if (length > MAX_PERIOD_MONTHS) {
    throw new DomainError(
      'KPI.PERIOD_TOO_LONG',
      'validation',
      `A period covers at most ${MAX_PERIOD_MONTHS} months; this one has ${length}.`,
      { from, to, months: length, maxMonths: MAX_PERIOD_MONTHS },
    );
  }
  return { from, to };
}
