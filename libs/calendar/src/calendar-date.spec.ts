import { isCalendarDate, isCalendarInstant, isCalendarMonth, parseCalendarDate, parseMonth } from './calendar-date';

describe('calendar dates and months', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-04-30', '1900-01-01', '2999-12-31'])(
    'accepts the day %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(true);
      expect(parseCalendarDate(value)).toBe(value);
    },
  );

  it.each([
    ['2027-02-29', 'not a leap year'],
    ['2100-02-29', 'a century that is not a leap year'],
    ['2026-02-31', '31 February'],
    ['2026-04-31', '31 April'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['0000-01-01', 'year 0'],
    ['1899-12-31', 'before 1900'],
    ['3000-01-01', 'after 2999'],
    ['2026-1-01', 'a one-digit month'],
    ['2026-01-01T00:00:00Z', 'an instant'],
    ['tomorrow', 'a word'],
  ])('refuses %s (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
    expect(() => parseCalendarDate(value, 'startedOn')).toThrow(/^startedOn=/);
  });

  it('refuses what is not a string', () => {
    expect([20260101, null, undefined, {}].map(isCalendarDate)).toEqual([false, false, false, false]);
  });

  it('takes a day with blanks around it, without them', () => {
    expect(parseCalendarDate(' 2026-03-29\n')).toBe('2026-03-29');
  });

  it('accepts months that exist and refuses the others', () => {
    expect(['2026-01', '2026-12', '1900-01', '2999-12'].map(isCalendarMonth)).toEqual([true, true, true, true]);
    expect(['2026-13', '2026-00', '0000-01', '2026-1', '2026-01-01', '1899-12'].map(isCalendarMonth)).toEqual(
      Array(6).fill(false),
    );
    expect(parseMonth('2026-10')).toBe('2026-10');
    expect(() => parseMonth('2026-13', 'from')).toThrow('from=2026-13 must be a month as YYYY-MM (years 1900-2999)');
  });

  it('accepts instants with a zone on days that exist', () => {
    expect(
      ['2026-03-29T01:30:00+01:00', '2026-10-25T02:30:00+02:00', '2026-10-25T00:30Z'].map(isCalendarInstant),
    ).toEqual([true, true, true]);
    expect(['2027-02-29T10:00:00Z', '2026-10-25T02:30:00', '2026-10-25'].map(isCalendarInstant)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
