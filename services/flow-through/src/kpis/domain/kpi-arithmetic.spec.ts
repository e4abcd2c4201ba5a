import {
  average,
  birthYearBand,
  cohorts,
  hoursBucket,
  hoursFigures,
  median,
  publishable,
  rate,
  suppressRow,
} from './kpi-arithmetic';

describe('KPI arithmetic', () => {
  it('gives no rate when nothing is counted, instead of 0 or NaN', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 0)).toBeNull();
    expect(rate(0, 4)).toBe(0);
    expect(rate(2, 3)).toBeCloseTo(0.6667, 4);
  });

  it('averages as sum over count, none for an empty group', () => {
    expect(average(0, 0)).toBeNull();
    expect(average(45, 3)).toBe(15);
    expect(hoursFigures({ participantMonths: 4, countedHoursSum: 62, belowTarget: 1 })).toEqual({
      averageCountedHours: 15.5,
      shareBelowTarget: 0.25,
    });
    expect(hoursFigures({ participantMonths: 0, countedHoursSum: 0, belowTarget: 0 })).toEqual({
      averageCountedHours: null,
      shareBelowTarget: null,
    });
  });

  it.each([
    [0, '0'],
    [0.5, '1-9'],
    [1, '1-9'],
    [9, '1-9'],
    [9.5, '1-9'],
    [10, '10-19'],
    [19.9, '10-19'],
    [20, '20-29'],
    [49, '40-49'],
    [50, '50-59'],
    [59, '50-59'],
    [59.5, '50-59'],
    [60, '60'],
  ])('puts %p counted hours in bucket %s', (hours, bucket) => {
    expect(hoursBucket(hours)).toBe(bucket);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });

  it('groups cohorts by start month with flow-through rate and time to exit over the ended', () => {
    const result = cohorts([
      { startedOn: '2026-01-05', endedOn: '2026-02-04', positiveOutflow: true },
      { startedOn: '2026-01-20', endedOn: '2026-03-21', positiveOutflow: false },
      { startedOn: '2026-01-31', endedOn: null, positiveOutflow: null },
      { startedOn: '2026-02-01', endedOn: null, positiveOutflow: null },
    ]);
    expect(result).toEqual([
      {
        startMonth: '2026-01',
        started: 3,
        ended: 2,
        positive: 1,
        flowThroughRate: 1 / 3,
        medianDaysToExit: 45,
        averageDaysToExit: 45,
      },
      {
        startMonth: '2026-02',
        started: 1,
        ended: 0,
        positive: 0,
        flowThroughRate: 0,
        medianDaysToExit: null,
        averageDaysToExit: null,
      },
    ]);
  });

  it('publishes groups of 5 and more only', () => {
    expect(publishable(4)).toBe(false);
    expect(publishable(5)).toBe(true);
  });

  it('suppresses cells of 1 to 4 and keeps zeros', () => {
    expect(suppressRow([0, 12, 3, 2, 20])).toEqual({ cells: [0, 12, null, null, 20], total: 37 });
  });

  it('suppresses a second cell when the total minus the others would reveal the only small one', () => {
    // 7 + 2 + 11 = 20: publishing 7, 11 and 20 would give away the 2.
    expect(suppressRow([7, 2, 11])).toEqual({ cells: [null, null, 11], total: 20 });
  });

  it('suppresses the whole row when its total is below 5', () => {
    expect(suppressRow([1, 2, 0])).toEqual({ cells: [null, null, null], total: null });
  });

  it('gives a five-year birth band instead of the date', () => {
    expect(birthYearBand('1992-07-14')).toBe('1990-1994');
    expect(birthYearBand('1995-01-01')).toBe('1995-1999');
  });
});
