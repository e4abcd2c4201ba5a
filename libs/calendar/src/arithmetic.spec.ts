import type { CalendarDate, Month } from './calendar-date';
import {
  addDays,
  addMonths,
  addMonthsToDate,
  daysBetween,
  daysOf,
  firstDayOf,
  lastDayOf,
  laterOf,
  monthOf,
  monthsBetween,
  yearOf,
} from './arithmetic';

describe('calendar arithmetic', () => {
  it.each([
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-28', 1, '2026-03-29'], // the night the clocks go forward in Brussels
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'], // across the night the clocks go back
    ['2026-10-20', 14, '2026-11-03'],
    ['2027-03-20', 28, '2027-04-17'],
    ['2028-02-15', 28, '2028-03-14'],
    ['2026-12-05', -30, '2026-11-05'],
    ['2026-12-05', 0, '2026-12-05'],
  ])('%s moved by %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-03-01', '2026-04-01', 31], // March has the 23-hour day in Brussels
    ['2026-10-20', '2026-10-30', 10], // October has the 25-hour day
    ['2026-03-29', '2026-03-30', 1],
    ['2026-10-25', '2026-10-26', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-02-28', '2027-03-01', 1],
    ['2026-12-31', '2027-01-01', 1],
    ['2027-01-01', '2026-12-01', -31],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
  });

  it.each([
    ['2027-01', -1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-11', 3, '2027-02'],
    ['2026-11', -23, '2024-12'],
    ['2026-05', 0, '2026-05'],
    ['2026-01', 36, '2029-01'],
    ['2026-01', -25, '2023-12'],
  ])('month %s moved by %i is %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
    expect(monthsBetween(month, expected)).toBe(count);
  });

  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-05-31', 9, '2027-02-28'],
    ['2026-03-15', 9, '2026-12-15'],
    ['2026-10-31', 1, '2026-11-30'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2027-01-31', -2, '2026-11-30'],
    ['2026-11-30', 14, '2028-01-30'],
  ])('%s plus %i months is %s (the month end when the day does not exist)', (date, months, expected) => {
    expect(addMonthsToDate(date, months)).toBe(expected);
  });

  it('knows the first and last day of every kind of month', () => {
    expect(['2028-02', '2027-02', '2100-02', '2000-02', '2026-04', '2026-12'].map(lastDayOf)).toEqual([
      '2028-02-29',
      '2027-02-28',
      '2100-02-28',
      '2000-02-29',
      '2026-04-30',
      '2026-12-31',
    ]);
    expect(firstDayOf('2026-03')).toBe('2026-03-01');
  });

  it('lists the days of a month', () => {
    expect(daysOf('2028-02')).toHaveLength(29);
    expect(daysOf('2026-03').slice(27, 30)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(daysOf('2026-10').at(-1)).toBe('2026-10-31');
  });

  it('takes the month and the year of a date', () => {
    expect(monthOf('2026-12-05')).toBe('2026-12');
    expect(yearOf('2026-12-05')).toBe(2026);
    expect(yearOf('2027-01')).toBe(2027);
  });

  it('takes the later of two dates', () => {
    expect(laterOf('2026-03-29', '2026-10-25')).toBe('2026-10-25');
    expect(laterOf(null, '2026-10-25')).toBe('2026-10-25');
    expect(laterOf('2026-03-29', null)).toBe('2026-03-29');
    expect(laterOf<CalendarDate>(null, null)).toBeNull();
  });

  it('keeps dates and months apart in the types', () => {
    const month: Month = '2026-10';
    const date: CalendarDate = '2026-10-25';
    // @ts-expect-error a month is not a date
    addDays(month, 1);
    // @ts-expect-error a date is not a month
    addMonths(date, 1);
    expect(addMonths(monthOf(date), 1)).toBe('2026-11');
  });
});
