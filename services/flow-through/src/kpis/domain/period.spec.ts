import { isDomainError } from '@stapsteen/errors';
import { monthsOf, resolvePeriod } from './period';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
  return 'no error';
};

describe('KPI periods', () => {
  it('defaults to the twelve months up to and including the current month', () => {
    expect(resolvePeriod({}, '2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('keeps twelve months from a given start', () => {
    expect(resolvePeriod({ from: '2025-03' }, '2026-12')).toEqual({ from: '2025-03', to: '2026-02' });
  });

  it('keeps twelve months up to a given end, across a year boundary', () => {
    expect(resolvePeriod({ to: '2026-02' }, '2026-12')).toEqual({ from: '2025-03', to: '2026-02' });
  });

  it('accepts exactly 36 months', () => {
    expect(monthsOf(resolvePeriod({ from: '2024-01', to: '2026-12' }, '2026-12'))).toHaveLength(36);
  });

  it('refuses 37 months with a stable code', () => {
    expect(codeOf(() => resolvePeriod({ from: '2023-12', to: '2026-12' }, '2026-12'))).toBe('KPI.PERIOD_TOO_LONG');
  });

  it('refuses a start after the end', () => {
    expect(codeOf(() => resolvePeriod({ from: '2026-05', to: '2026-04' }, '2026-12'))).toBe('KPI.PERIOD_REVERSED');
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(codeOf(() => resolvePeriod({ from: '2026-13' }, '2026-12'))).toBe('KPI.MONTH_INVALID');
  });
});
