import { DEFAULT_LOW_HOURS_RULE, LowHoursRule } from './low-hours';

/** A monthly target that rises as the trajectory goes on: e.g. 10 h in months 1–3, then 20. */
export interface TargetStep {
  fromTrajectoryMonth: number;
  hours: number;
}

/** An organisation's hours settings: its target ramp and when low hours flag a participant. */
export interface OrganisationTargets {
  steps: TargetStep[];
  /** Closed months in a row below target before a participant is flagged; absent: the default (2). */
  flagAfterMonthsBelow?: number;
}

/** The low-hours rule an organisation set, or the default one. */
export function lowHoursRuleOf(settings: OrganisationTargets | null): LowHoursRule {
  return settings?.flagAfterMonthsBelow === undefined
    ? DEFAULT_LOW_HOURS_RULE
    : { flagAfterMonthsBelow: settings.flagAfterMonthsBelow };
}

export const FALLBACK_MONTHLY_TARGET = 20;

/** The month of the trajectory a calendar month is, counting the start month as 1. */
export function trajectoryMonth(startedOn: string, month: string): number {
  const [sy, sm] = startedOn.split('-').map(Number);
  const [y, m] = month.split('-').map(Number);
  return (y - sy) * 12 + (m - sm) + 1;
}

/** The participant's own target, else the organisation's ramp, else 20 hours. */
export function targetFor(
  participantTarget: number | null,
  organisation: OrganisationTargets | null,
  startedOn: string | null,
  month: string,
): number {
  if (participantTarget !== null) return participantTarget;
  if (organisation && organisation.steps.length > 0 && startedOn) {
    const n = trajectoryMonth(startedOn, month);
    const applicable = [...organisation.steps]
      .sort((a, b) => a.fromTrajectoryMonth - b.fromTrajectoryMonth)
      .filter((s) => s.fromTrajectoryMonth <= n);
    if (applicable.length > 0) return applicable[applicable.length - 1].hours;
  }
  return FALLBACK_MONTHLY_TARGET;
}
