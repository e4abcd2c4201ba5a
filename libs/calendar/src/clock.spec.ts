import { brusselsNoonOf, clockFromEnvironment, clockStartingOn, parseCalendarDate, systemClock } from './clock';

describe('the calendar clock', () => {
  it('starts an override at 12:00 Brussels time on the day and runs on at real speed', () => {
    let real = 1_000_000;
    const clock = clockStartingOn('2028-02-29', real, () => real);
    expect(clock.now().toISOString()).toBe('2028-02-29T11:00:00.000Z'); // winter: UTC+1
    expect(clock.today()).toBe('2028-02-29');
    real += 11 * 3_600_000 + 59 * 60_000; // 23:59 in Brussels
    expect(clock.today()).toBe('2028-02-29');
    real += 60_000; // midnight
    expect(clock.today()).toBe('2028-03-01');
  });

  it('knows summer time', () => {
    expect(brusselsNoonOf('2027-07-01').toISOString()).toBe('2027-07-01T10:00:00.000Z');
    expect(brusselsNoonOf('2026-12-31').toISOString()).toBe('2026-12-31T11:00:00.000Z');
  });

  it.each(['2027-01-01', '2027-01-31', '2028-02-29', '2026-12-31'])('keeps %s as today', (day) => {
    expect(clockStartingOn(day).today()).toBe(day);
  });

  it.each(['2027-02-29', '2027-13-01', '2027-04-31', '27-01-01', 'tomorrow', '2027-1-1'])(
    'refuses the impossible date %s',
    (day) => {
      expect(() => parseCalendarDate(day)).toThrow(/STAPSTEEN_TODAY/);
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
});
