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
