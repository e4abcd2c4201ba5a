import { EarlierResult, judgeMonth, previousMonth, severityOf } from './low-hours';
import { targetFor, trajectoryMonth } from './targets';

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
): EarlierResult => ({
  countedHours,
  belowTarget,
  consecutiveMonthsBelow,
  flagged: belowTarget,
});

describe('judging a closed month', () => {
  it('flags a participant with no prestation at all', () => {
    const { result, outcome } = judgeMonth(input(0), undefined, undefined);
    expect(outcome).toBe('FLAGGED');
    expect(result).toMatchObject({ belowTarget: true, consecutiveMonthsBelow: 1 });
  });

  it('does not flag a participant exactly at target', () => {
    expect(judgeMonth(input(20), undefined, undefined).outcome).toBe('UNCHANGED');
  });

  it('counts consecutive months below target, and makes the second one high severity', () => {
    const { result } = judgeMonth(input(12), earlier(14, true, 1), undefined);
    expect(result.consecutiveMonthsBelow).toBe(2);
    expect(severityOf(result)).toBe('HIGH');
  });

  it('starts counting again after a month at target', () => {
    expect(judgeMonth(input(12), earlier(25, false), earlier(5, true)).result.consecutiveMonthsBelow).toBe(1);
  });

  it('clears the flag in a month at or above target', () => {
    expect(judgeMonth(input(22), earlier(14, true), undefined).outcome).toBe('CLEARED');
  });

  it('flags a falling trend over three months even above target', () => {
    const { result, outcome } = judgeMonth(input(30, 20), earlier(40, false), earlier(50, false));
    expect(outcome).toBe('FLAGGED');
    expect(result).toMatchObject({ fallingTrend: true, belowTarget: false });
  });

  it('knows December comes before January', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
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
