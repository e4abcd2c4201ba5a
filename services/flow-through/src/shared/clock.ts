/** Today's date as the people using the system see it: Belgian calendar days. */
export interface Clock {
  now(): Date;
  today(): string;
}

const BRUSSELS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => BRUSSELS_DATE.format(new Date()),
};

export const CLOCK = Symbol('CLOCK');
