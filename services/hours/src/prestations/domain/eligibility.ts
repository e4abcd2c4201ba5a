/** What hours knows of a trajectory, from flow-through's events. */
export interface TrajectoryWindow {
  trajectoryId: string;
  startedOn: string | null;
  endedOn: string | null;
  suspensions: Array<{ from: string; until: string | null }>;
}

export type Ineligibility =
  'NO_ACTIVE_TRAJECTORY' | 'BEFORE_TRAJECTORY_START' | 'TRAJECTORY_SUSPENDED' | 'AFTER_TRAJECTORY_END';

/** Why hours cannot be registered on a date, or null when they can. */
export function ineligibilityOn(trajectories: TrajectoryWindow[], date: string): Ineligibility | null {
  const started = trajectories.filter((t) => t.startedOn !== null);
  if (started.length === 0) return 'NO_ACTIVE_TRAJECTORY';
  const covering = started.find((t) => t.startedOn! <= date && (t.endedOn === null || date <= t.endedOn));
  if (!covering) {
    return started.every((t) => date < t.startedOn!) ? 'BEFORE_TRAJECTORY_START' : 'AFTER_TRAJECTORY_END';
  }
  const suspended = covering.suspensions.some((s) => date >= s.from && (s.until === null || date < s.until));
  return suspended ? 'TRAJECTORY_SUSPENDED' : null;
}

/** The days of a calendar month, e.g. 2026-02-01 … 2026-02-28. */
function daysOf(month: string): string[] {
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export function lastDayOf(month: string): string {
  return daysOf(month).at(-1)!;
}

/** Whether hours could be registered on at least one day of the month: who belongs in its grid and close. */
export function activeInMonth(trajectories: TrajectoryWindow[], month: string): boolean {
  return daysOf(month).some((day) => ineligibilityOn(trajectories, day) === null);
}
