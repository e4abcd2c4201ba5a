import { CalendarDate, Clock, Month, addDays, addMonths, clockFromEnvironment, monthOf } from '@stapsteen/calendar';

/**
 * The day the services under test believe it is. Tests take their dates from here, never from
 * `new Date()`, so that `STAPSTEEN_TODAY=2027-01-01 npm run test:integration` runs the suite on
 * any chosen day (1 January, a month's last day, 29 February) exactly as the services see it.
 */
let clock: Clock | undefined;

export function testClock(): Clock {
  clock ??= clockFromEnvironment();
  return clock;
}

export function testToday(): CalendarDate {
  return testClock().today();
}

/** The Brussels date `days` days before the test's today. */
export function daysAgo(days: number): CalendarDate {
  return addDays(testToday(), -days);
}

/** The month `count` months before the test's current month (YYYY-MM). */
export function monthsAgo(count: number): Month {
  return addMonths(monthOf(testToday()), -count);
}

/** Day `day` of `month` (YYYY-MM) as YYYY-MM-DD. */
export function dayOf(month: Month, day: number): CalendarDate {
  return `${month}-${String(day).padStart(2, '0')}`;
}
