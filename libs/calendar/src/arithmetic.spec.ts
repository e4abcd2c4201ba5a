import { addDays, addMonths, lastDayOf, monthOf } from './arithmetic';

describe('calendar arithmetic', () => {
  it.each([
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-29', 1, '2026-03-30'], // the night the clocks go forward in Brussels
    ['2026-12-05', -30, '2026-11-05'],
  ])('%s moved by %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2027-01', -1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-11', -23, '2024-12'],
    ['2026-05', 0, '2026-05'],
  ])('month %s moved by %i is %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
  });

  it('knows the last day of every kind of month', () => {
    expect(['2028-02', '2027-02', '2026-04', '2026-12'].map(lastDayOf)).toEqual([
      '2028-02-29',
      '2027-02-28',
      '2026-04-30',
      '2026-12-31',
    ]);
  });

  it('takes the month of a date', () => {
    expect(monthOf('2026-12-05')).toBe('2026-12');
  });
});
