import { DomainError } from '@stapsteen/errors';
import { checkGapWindows } from './gap-settings';

describe('an organisation’s gap windows', () => {
  it('accepts whole days from 7 to 180', () => {
    expect(checkGapWindows({ baselineDueDays: 7, unaddressedDays: 180, stalledDays: 30 })).toEqual({
      baselineDueDays: 7,
      unaddressedDays: 180,
      stalledDays: 30,
    });
  });

  it.each([
    [{ baselineDueDays: 6, unaddressedDays: 30, stalledDays: 30 }, ['baselineDueDays']],
    [{ baselineDueDays: 42, unaddressedDays: 181, stalledDays: 30 }, ['unaddressedDays']],
    [{ baselineDueDays: 42, unaddressedDays: 30, stalledDays: 14.5 }, ['stalledDays']],
    [{ baselineDueDays: 0, unaddressedDays: 30, stalledDays: 1000 }, ['baselineDueDays', 'stalledDays']],
  ])('refuses %j, naming %j', (windows, named) => {
    let refused: unknown;
    try {
      checkGapWindows(windows);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'COACHING.GAP_WINDOW_OUT_OF_RANGE', kind: 'validation' });
    expect((refused as DomainError).facts.outOfRange).toEqual(named);
  });
});
