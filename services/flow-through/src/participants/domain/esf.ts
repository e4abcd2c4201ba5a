import type { Trajectory } from './trajectory';

/**
 * How ESF+ counts a participant: once, however often they were referred again. The ESF start is
 * the first start of any trajectory; the ESF exit is the latest exit of a started trajectory, and
 * only while no trajectory is open (a re-entry reopens the participation). A referral that dropped
 * off before the start is no participation at all.
 */
export interface EsfParticipation {
  startOn: string | null;
  exitOn: string | null;
  /** How many started trajectories the one ESF participation is made of. */
  trajectoryCount: number;
}

export function esfParticipation(trajectories: readonly Trajectory[]): EsfParticipation {
  const started = trajectories.filter((t) => t.startedOn !== null);
  const startOn = started.map((t) => t.startedOn!).sort()[0] ?? null;
  const open = trajectories.some((t) => t.status !== 'ENDED' && t.startedOn !== null);
  const exits = started.filter((t) => t.endedOn !== null).map((t) => t.endedOn!);
  const exitOn = open || exits.length === 0 ? null : exits.sort().at(-1)!;
  return { startOn, exitOn, trajectoryCount: started.length };
}
