/** Today's date as the people using the system see it: Belgian calendar days (@stapsteen/calendar). */
export type { Clock } from '@stapsteen/calendar';
export { CLOCK, clockFromEnvironment, systemClock } from '@stapsteen/calendar';
