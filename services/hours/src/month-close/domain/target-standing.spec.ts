import type { TrajectoryWindow } from '../../prestations/domain/eligibility';
import { SCHEDULE_GRACE_DAYS, targetStanding } from './target-standing';

const since = (startedOn: string): TrajectoryWindow[] => [
  { trajectoryId: 't-1', startedOn, endedOn: null, suspensions: [] },
];
const running = since('2026-01-05');

describe('where a participant stands against the month’s target', () => {
  it('is never behind on the fifth of the month: the open month counts the days elapsed, less a grace week', () => {
    expect(SCHEDULE_GRACE_DAYS).toBe(7);
    for (const hours of [0, 2, 20]) {
      expect(targetStanding('2026-12', '2026-12-05', hours, 20, running)).toEqual({
        status: 'ON_SCHEDULE',
        expectedHours: 0,
      });
    }
  });

  it('compares the open month with the target in proportion to the days elapsed', () => {
    // 16 December: 15 days over, less 7 = 8 of 31 days of a 31-hour target = 8 hours due.
    expect(targetStanding('2026-12', '2026-12-16', 7, 31, running)).toEqual({
      status: 'BEHIND_SCHEDULE',
      expectedHours: 8,
    });
    expect(targetStanding('2026-12', '2026-12-16', 8, 31, running)).toEqual({
      status: 'ON_SCHEDULE',
      expectedHours: 8,
    });
    // 20 hours, 30 days, on the 24th: 23 days over, 16 counting: 10.7 hours due.
    expect(targetStanding('2026-11', '2026-11-24', 10, 20, running)).toMatchObject({
      status: 'BEHIND_SCHEDULE',
      expectedHours: 10.7,
    });
  });

  it('counts only the days the trajectory ran this month (a start on the 10th)', () => {
    // 10–23 December: 14 days, 7 counting, of a 31-hour target: 7 hours due.
    expect(targetStanding('2026-12', '2026-12-24', 6, 31, since('2026-12-10'))).toEqual({
      status: 'BEHIND_SCHEDULE',
      expectedHours: 7,
    });
  });

  it('judges a month that is over against the whole target, and a month to come not at all', () => {
    expect(targetStanding('2026-11', '2026-12-05', 19, 20, running)).toEqual({
      status: 'BELOW_TARGET',
      expectedHours: 20,
    });
    expect(targetStanding('2026-11', '2026-12-05', 20, 20, running)).toEqual({
      status: 'ON_TARGET',
      expectedHours: 20,
    });
    expect(targetStanding('2027-01', '2026-12-05', 0, 20, running)).toEqual({
      status: 'NOT_STARTED',
      expectedHours: 0,
    });
  });
});
