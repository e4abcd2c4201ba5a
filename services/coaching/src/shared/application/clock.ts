/** Days are Belgian calendar days (Europe/Brussels), whatever the server's time zone. */
const BRUSSELS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function brusselsDateOf(instant: Date): string {
  return BRUSSELS_DATE.format(instant);
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const CLOCK = Symbol('CLOCK');
