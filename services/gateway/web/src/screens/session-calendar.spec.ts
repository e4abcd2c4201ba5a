import { describe, expect, it } from '@jest/globals';
import { monthWeeks } from './session-calendar';

describe('the weeks of a month', () => {
  it('starts on the Monday on or before the first and ends on the Sunday on or after the last', () => {
    const weeks = monthWeeks('2026-12'); // 1 December 2026 is a Tuesday, the 31st a Thursday
    expect(weeks[0]).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(weeks.at(-1)).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(weeks).toHaveLength(5);
  });

  it('needs four weeks for a February that starts on a Monday and six for a long month starting on Sunday', () => {
    expect(monthWeeks('2027-02')).toHaveLength(4); // 1 February 2027 is a Monday, 28 days
    expect(monthWeeks('2026-03')).toHaveLength(6); // 1 March 2026 is a Sunday
    expect(monthWeeks('2028-02').flat()).toContain('2028-02-29');
  });
});
