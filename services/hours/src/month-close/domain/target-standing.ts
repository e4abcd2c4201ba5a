import { CalendarDate, Month, daysOf, monthOf } from '@stapsteen/calendar';
import { TrajectoryWindow, ineligibilityOn } from '../../prestations/domain/eligibility';

/**
 * Organisers enter hours per week (often on Friday or the Monday after), so the open month is
 * judged against the part of the target that was due a week ago: nobody is "behind" for hours
 * that simply have not been entered yet.
 */
export const SCHEDULE_GRACE_DAYS = 7;

/**
 * Where a participant stands against the month's target:
 *  - a month that is over: ON_TARGET or BELOW_TARGET against the whole target;
 *  - the open month (Brussels today): ON_SCHEDULE or BEHIND_SCHEDULE against the target in
 *    proportion to the days elapsed, never "below target" for the whole month on its fifth day;
 *  - a month still to come: NOT_STARTED; a month without a day of trajectory: NOT_ACTIVE.
 */
export type TargetStatus =
  'ON_TARGET' | 'BELOW_TARGET' | 'ON_SCHEDULE' | 'BEHIND_SCHEDULE' | 'NOT_STARTED' | 'NOT_ACTIVE';

export interface TargetStanding {
  status: TargetStatus;
  /** What was due by today: the whole target once the month is over, a share of it while it runs. */
  expectedHours: number;
}

/**
 * `today` is the Brussels date (YYYY-MM-DD). In the open month the expected hours are
 * target × (days of the month before today on which the trajectory ran − the grace week) / days
 * in the month, rounded to one decimal; behind schedule means fewer counted hours than that.
 */
export function targetStanding(
  month: Month,
  today: CalendarDate,
  countedHours: number,
  targetHours: number,
  trajectories: TrajectoryWindow[],
): TargetStanding {
  const thisMonth = monthOf(today);
  const days = daysOf(month);
  if (!days.some((day) => ineligibilityOn(trajectories, day) === null))
    return { status: 'NOT_ACTIVE', expectedHours: 0 };
  if (month < thisMonth) {
    return { status: countedHours < targetHours ? 'BELOW_TARGET' : 'ON_TARGET', expectedHours: targetHours };
  }
  if (month > thisMonth) return { status: 'NOT_STARTED', expectedHours: 0 };
  const elapsed = days.filter((day) => day < today && ineligibilityOn(trajectories, day) === null).length;
  const counting = Math.max(0, elapsed - SCHEDULE_GRACE_DAYS);
  const expectedHours = Math.round(((targetHours * counting) / days.length) * 10) / 10;
  return { status: countedHours < expectedHours ? 'BEHIND_SCHEDULE' : 'ON_SCHEDULE', expectedHours };
}
