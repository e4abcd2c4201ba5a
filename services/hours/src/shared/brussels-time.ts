/**
 * Month and year boundaries are Belgian calendar days (Europe/Brussels), whatever the server's
 * time zone: a prestation that starts at 00:30 on 1 April in Brussels belongs to April, although
 * it is still 31 March in UTC. The clock is the one of @stapsteen/calendar.
 */
export type { Clock } from '@stapsteen/calendar';
export { CLOCK, brusselsDateOf, clockFromEnvironment, systemClock } from '@stapsteen/calendar';
