import { CalendarDate, Month, daysOf } from '@stapsteen/calendar';

/** What hours knows of a trajectory, from flow-through's events. */
export interface TrajectoryWindow {
  trajectoryId: string;
  startedOn: CalendarDate | null;
  endedOn: CalendarDate | null;
  suspensions: Array<{ from: CalendarDate; until: CalendarDate | null }>;
}

export type Ineligibility =
  'NO_ACTIVE_TRAJECTORY' | 'BEFORE_TRAJECTORY_START' | 'TRAJECTORY_SUSPENDED' | 'AFTER_TRAJECTORY_END';

/** Why hours cannot be registered on a date, or null when they can. */
export function ineligibilityOn(trajectories: TrajectoryWindow[], date: CalendarDate): Ineligibility | null {
  const started = trajectories.filter((t) => t.startedOn !== null);
  if (started.length === 0) return 'NO_ACTIVE_TRAJECTORY';
  const covering = started.find((t) => t.startedOn! <= date && (t.endedOn === null || date <= t.endedOn));
  if (!covering) {
    return started.every((t) => date < t.startedOn!) ? 'BEFORE_TRAJECTORY_START' : 'AFTER_TRAJECTORY_END';
  }
  const suspended = covering.suspensions.some((s) => date >= s.from && (s.until === null || date < s.until));
  return suspended ? 'TRAJECTORY_SUSPENDED' : null;
}

/** Whether hours could be registered on at least one day of the month: who belongs in its grid and close. */
export function activeInMonth(trajectories: TrajectoryWindow[], month: Month): boolean {
  return daysOf(month).some((day) => ineligibilityOn(trajectories, day) === null);
}
