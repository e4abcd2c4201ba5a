import { Month, addMonths, isCalendarMonth, monthOf, monthsBetween } from '@stapsteen/calendar';
import { DomainError } from '@stapsteen/errors';

/** A reporting period of whole calendar months, both ends included. */
export interface Period {
  from: Month;
  to: Month;
}

/** The longest period a dashboard or export may ask for. */
export const MAX_PERIOD_MONTHS = 36;
/** The period when none is given: the twelve months up to and including the current one. */
export const DEFAULT_PERIOD_MONTHS = 12;

/** Every month of the period, oldest first. */
export function monthsOf(period: Period): Month[] {
  const count = monthsBetween(period.from, period.to) + 1;
  return Array.from({ length: count }, (_, i) => addMonths(period.from, i));
}

/** Whether a calendar date (YYYY-MM-DD) lies in the period. */
export function inPeriod(date: string | null, period: Period): date is string {
  if (!date) return false;
  const month = monthOf(date);
  return month >= period.from && month <= period.to;
}

/**
 * The period a caller asked for, with the defaults filled in relative to the current Belgian
 * month. One end alone keeps the default length from (or up to) that end.
 */
export function resolvePeriod(requested: { from?: string; to?: string }, currentMonth: Month): Period {
  const monthAsked = (name: 'from' | 'to'): Month | undefined => {
    const value = requested[name];
    if (value === undefined || isCalendarMonth(value)) return value;
    throw new DomainError('KPI.MONTH_INVALID', 'validation', `${name} must be a month as YYYY-MM.`, { [name]: value });
  };
  const [askedFrom, askedTo] = [monthAsked('from'), monthAsked('to')];
  const to = askedTo ?? (askedFrom ? addMonths(askedFrom, DEFAULT_PERIOD_MONTHS - 1) : currentMonth);
  const from = askedFrom ?? addMonths(to, -(DEFAULT_PERIOD_MONTHS - 1));
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
