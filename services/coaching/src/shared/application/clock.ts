/** Days are Belgian calendar days (Europe/Brussels); the clock is the one of @stapsteen/calendar. */
export { CLOCK, brusselsDateOf, clockFromEnvironment, systemClock } from '@stapsteen/calendar';

/** What the coaching service needs of a clock (tests may give only `now`). */
export interface Clock {
  now(): Date;
}
