import {
  InvalidTodayError,
  brusselsDateOf,
  brusselsNoonOf,
  clockFromEnvironment,
  clockStartingOn,
  fixedClock,
  systemClock,
} from './clock';

const HOUR = 3_600_000;

describe('the calendar clock', () => {
  it('starts an override at 12:00 Brussels time on the day and runs on at real speed', () => {
    let real = 1_000_000;
    const clock = clockStartingOn('2028-02-29', real, () => real);
    expect(clock.now().toISOString()).toBe('2028-02-29T11:00:00.000Z'); // winter: UTC+1
    expect(clock.today()).toBe('2028-02-29');
    real += 11 * HOUR + 59 * 60_000; // 23:59 in Brussels
    expect(clock.today()).toBe('2028-02-29');
    real += 60_000; // midnight
    expect(clock.today()).toBe('2028-03-01');
  });

  it('knows summer time', () => {
    expect(brusselsNoonOf('2027-07-01').toISOString()).toBe('2027-07-01T10:00:00.000Z');
    expect(brusselsNoonOf('2026-12-31').toISOString()).toBe('2026-12-31T11:00:00.000Z');
  });

  it.each(['2027-01-01', '2027-01-31', '2028-02-29', '2026-12-31', '2026-03-29', '2026-10-25'])(
    'keeps %s as today',
    (day) => {
      expect(clockStartingOn(day).today()).toBe(day);
    },
  );

  it.each(['2027-02-29', '2027-13-01', '2027-04-31', '27-01-01', 'tomorrow', '2027-1-1', '1899-12-31'])(
    'refuses the impossible date %s',
    (day) => {
      expect(() => clockStartingOn(day)).toThrow(InvalidTodayError);
      expect(() => clockStartingOn(day)).toThrow(/^STAPSTEEN_TODAY=/);
    },
  );

  it('uses the system clock without the override', () => {
    expect(clockFromEnvironment({})).toBe(systemClock);
    expect(clockFromEnvironment({ STAPSTEEN_TODAY: '' })).toBe(systemClock);
  });

  it('refuses the override in production', () => {
    expect(() => clockFromEnvironment({ STAPSTEEN_TODAY: '2027-01-01', NODE_ENV: 'production' })).toThrow(/production/);
    expect(clockFromEnvironment({ STAPSTEEN_TODAY: '2027-01-01', NODE_ENV: 'development' }).today()).toBe('2027-01-01');
  });

  it('stands still when fixed', () => {
    const clock = fixedClock('2026-10-24T22:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-10-24T22:30:00.000Z');
    expect(clock.today()).toBe('2026-10-25'); // 00:30 in Brussels, still summer time
  });
});

describe('Brussels days on the nights the clocks change', () => {
  // 29 March 2026: at 02:00 (01:00 UTC) the clocks go forward to 03:00; the day has 23 hours.
  it.each([
    ['2026-03-28T22:59:59Z', '2026-03-28'], // 23:59:59 +01:00
    ['2026-03-28T23:00:00Z', '2026-03-29'], // midnight +01:00
    ['2026-03-29T00:59:59Z', '2026-03-29'], // 01:59:59 +01:00, the last second of winter time
    ['2026-03-29T01:00:00Z', '2026-03-29'], // 03:00 +02:00
    ['2026-03-29T21:59:59Z', '2026-03-29'], // 23:59:59 +02:00
    ['2026-03-29T22:00:00Z', '2026-03-30'], // midnight +02:00: 23 hours after the previous one
    // 25 October 2026: at 03:00 (01:00 UTC) the clocks go back to 02:00; the day has 25 hours.
    ['2026-10-24T21:59:59Z', '2026-10-24'], // 23:59:59 +02:00
    ['2026-10-24T22:00:00Z', '2026-10-25'], // midnight +02:00
    ['2026-10-25T00:30:00Z', '2026-10-25'], // 02:30 +02:00, the first time
    ['2026-10-25T01:30:00Z', '2026-10-25'], // 02:30 +01:00, the second time
    ['2026-10-25T22:59:59Z', '2026-10-25'], // 23:59:59 +01:00
    ['2026-10-25T23:00:00Z', '2026-10-26'], // midnight +01:00: 25 hours after the previous one
  ])('the instant %s falls on %s in Brussels', (instant, day) => {
    expect(brusselsDateOf(new Date(instant))).toBe(day);
  });

  it('puts noon at 11:00 UTC on the day the clocks go forward (from 03:00 on) and back (from 03:00 on)', () => {
    expect(brusselsNoonOf('2026-03-28').toISOString()).toBe('2026-03-28T11:00:00.000Z');
    expect(brusselsNoonOf('2026-03-29').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(brusselsNoonOf('2026-10-24').toISOString()).toBe('2026-10-24T10:00:00.000Z');
    expect(brusselsNoonOf('2026-10-25').toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('runs an override across the night the clocks go forward: the next day comes 12 hours after noon', () => {
    let real = 0;
    const clock = clockStartingOn('2026-03-28', real, () => real);
    real += 12 * HOUR - 1; // 23:59:59.999 on 28 March (winter time)
    expect(clock.today()).toBe('2026-03-28');
    real += 1;
    expect(clock.today()).toBe('2026-03-29');
    real += 23 * HOUR - 1; // 23:59:59.999 on 29 March, 23 hours later
    expect(clock.today()).toBe('2026-03-29');
    real += 1;
    expect(clock.today()).toBe('2026-03-30');
  });

  it('runs an override across the night the clocks go back: 25 hours to the next day', () => {
    let real = 0;
    const clock = clockStartingOn('2026-10-24', real, () => real);
    real += 12 * HOUR; // midnight into 25 October (summer time)
    expect(clock.today()).toBe('2026-10-25');
    real += 25 * HOUR - 1;
    expect(clock.today()).toBe('2026-10-25');
    real += 1;
    expect(clock.today()).toBe('2026-10-26');
  });
});
