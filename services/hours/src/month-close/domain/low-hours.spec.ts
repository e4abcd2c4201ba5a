import { EarlierResult, judgeMonth, severityOf } from './low-hours';
import { lowHoursRuleOf, targetFor, trajectoryMonth } from './targets';

const input = (countedHours: number, targetHours = 20) => ({
  participantId: 'p-1',
  regionId: 'r',
  countedHours,
  targetHours,
});
const earlier = (
  countedHours: number,
  belowTarget: boolean,
  consecutiveMonthsBelow = belowTarget ? 1 : 0,
  flagged = false,
): EarlierResult => ({
  countedHours,
  belowTarget,
  consecutiveMonthsBelow,
  flagged,
});

describe('judging a closed month: flagged means at risk, not one month below target', () => {
  const one = { flagAfterMonthsBelow: 1 };
  const three = { flagAfterMonthsBelow: 3 };

  it('does not flag a first month below target, nor one without any prestation (default: two months in a row)', () => {
    for (const hours of [0, 12]) {
      const { result, outcome } = judgeMonth(input(hours), undefined, undefined);
      expect(outcome).toBe('UNCHANGED');
      expect(result).toMatchObject({ belowTarget: true, consecutiveMonthsBelow: 1, flagged: false });
    }
  });

  it('flags the second closed month in a row below target, at medium severity', () => {
    const { result, outcome } = judgeMonth(input(12), earlier(14, true, 1, false), undefined);
    expect(outcome).toBe('FLAGGED');
    expect(result).toMatchObject({ consecutiveMonthsBelow: 2, flagged: true });
    expect(severityOf(result)).toBe('MEDIUM');
  });

  it('makes it high severity one month later (N + 1 in a row)', () => {
    const { result, outcome } = judgeMonth(input(12), earlier(12, true, 2, true), earlier(14, true, 1, false));
    expect(outcome).toBe('FLAGGED');
    expect(result.consecutiveMonthsBelow).toBe(3);
    expect(severityOf(result)).toBe('HIGH');
  });

  it('follows the organisation’s number of months: 1 flags the first month, 3 waits for the third', () => {
    const first = judgeMonth(input(0), undefined, undefined, one);
    expect(first.outcome).toBe('FLAGGED');
    expect(severityOf(first.result, one)).toBe('MEDIUM');
    const second = judgeMonth(input(0), earlier(0, true, 1, true), undefined, one);
    expect(severityOf(second.result, one)).toBe('HIGH');

    expect(judgeMonth(input(15), earlier(15, true, 1, false), undefined, three).outcome).toBe('UNCHANGED');
    const third = judgeMonth(input(15), earlier(15, true, 2, false), earlier(15, true, 1, false), three);
    expect(third.outcome).toBe('FLAGGED');
    expect(severityOf(third.result, three)).toBe('MEDIUM');
  });

  it('does not flag a participant exactly at target', () => {
    expect(judgeMonth(input(20), earlier(10, true, 1, false), undefined).outcome).toBe('UNCHANGED');
  });

  it('starts counting again after a month at target', () => {
    const { result, outcome } = judgeMonth(input(12), earlier(25, false), earlier(5, true));
    expect(result.consecutiveMonthsBelow).toBe(1);
    expect(outcome).toBe('UNCHANGED');
  });

  it('clears the flag in the first month at or above target, not before', () => {
    expect(judgeMonth(input(22), earlier(14, true, 2, true), undefined).outcome).toBe('CLEARED');
    expect(judgeMonth(input(20), earlier(14, true, 2, true), undefined).outcome).toBe('CLEARED');
  });

  it('keeps a flag while the participant stays below target, also when the rule alone would not flag yet', () => {
    // Flagged by a falling trend with N = 3; the next month is still below target but only 2 in a row.
    const { result, outcome } = judgeMonth(input(18), earlier(17, true, 1, true), earlier(25, false), three);
    expect(result.consecutiveMonthsBelow).toBe(2);
    expect(outcome).toBe('FLAGGED');
  });

  it('flags a falling trend over three closed months when it ends below target', () => {
    const { result, outcome } = judgeMonth(input(18), earlier(22, false), earlier(26, false));
    expect(outcome).toBe('FLAGGED');
    expect(result).toMatchObject({ fallingTrend: true, belowTarget: true, consecutiveMonthsBelow: 1 });
    expect(severityOf(result)).toBe('MEDIUM');
  });

  it('does not flag a falling trend that is still at or above target', () => {
    const { result, outcome } = judgeMonth(input(30, 20), earlier(40, false), earlier(50, false));
    expect(outcome).toBe('UNCHANGED');
    expect(result).toMatchObject({ fallingTrend: true, belowTarget: false, flagged: false });
  });

  it('makes a falling trend with N months below target high severity', () => {
    const { result } = judgeMonth(input(10), earlier(14, true, 1, false), earlier(22, false));
    expect(result).toMatchObject({ consecutiveMonthsBelow: 2, fallingTrend: true, flagged: true });
    expect(severityOf(result)).toBe('HIGH');
  });
});

describe('monthly targets', () => {
  const ramp = {
    steps: [
      { fromTrajectoryMonth: 1, hours: 10 },
      { fromTrajectoryMonth: 4, hours: 20 },
      { fromTrajectoryMonth: 7, hours: 30 },
    ],
  };

  it('prefers the participant’s own target', () => {
    expect(targetFor(15, ramp, '2026-01-05', '2026-09')).toBe(15);
  });

  it('follows the organisation’s ramp over the trajectory', () => {
    expect(targetFor(null, ramp, '2026-01-05', '2026-01')).toBe(10);
    expect(targetFor(null, ramp, '2026-01-05', '2026-04')).toBe(20);
    expect(targetFor(null, ramp, '2025-11-05', '2026-05')).toBe(30);
  });

  it('falls back to 20 hours', () => {
    expect(targetFor(null, null, '2026-01-05', '2026-04')).toBe(20);
  });

  it('counts the start month as the first month of the trajectory, across a year boundary', () => {
    expect(trajectoryMonth('2025-12-15', '2026-01')).toBe(2);
  });
});

describe('the organisation’s low-hours rule', () => {
  it('is two months in a row unless the organisation set another number', () => {
    expect(lowHoursRuleOf(null)).toEqual({ flagAfterMonthsBelow: 2 });
    expect(lowHoursRuleOf({ steps: [] })).toEqual({ flagAfterMonthsBelow: 2 });
    expect(lowHoursRuleOf({ steps: [], flagAfterMonthsBelow: 4 })).toEqual({ flagAfterMonthsBelow: 4 });
  });
});
