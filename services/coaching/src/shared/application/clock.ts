/** Days are Belgian calendar days (Europe/Brussels); the clock is the one of @stapsteen/calendar. */
export type { Clock } from '@stapsteen/calendar';
export { CLOCK, brusselsDateOf, clockFromEnvironment, systemClock } from '@stapsteen/calendar';
