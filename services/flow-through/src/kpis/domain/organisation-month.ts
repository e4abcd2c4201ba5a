import { HOURS_BUCKETS, HoursBucket, hoursBucket } from './kpi-arithmetic';

/**
 * The hours read model of one organisation in one month, addressed by `${organisationId}:${month}`
 * so a 24-month dashboard is a few dozen `_id` reads (ADR 6). Each participant-month is kept by its
 * natural key (the participant), so a redelivered or corrected `hours.participant-month-closed`
 * replaces that participant's line instead of adding to the sums: the figures have set semantics.
 */
export interface ParticipantMonthLine {
  countedHours: number;
  targetHours: number;
}

export interface OrganisationMonth {
  _id: string;
  organisationId: string;
  regionId: string;
  month: string;
  /** Keyed by participant id (ids contain no `.` or `$`). */
  lines: Record<string, ParticipantMonthLine>;
}

export function organisationMonthId(organisationId: string, month: string): string {
  return `${organisationId}:${month}`;
}

export function emptyOrganisationMonth(organisationId: string, regionId: string, month: string): OrganisationMonth {
  return { _id: organisationMonthId(organisationId, month), organisationId, regionId, month, lines: {} };
}

export function recordParticipantMonth(
  current: OrganisationMonth,
  participantId: string,
  line: ParticipantMonthLine,
): OrganisationMonth {
  return { ...current, lines: { ...current.lines, [participantId]: { ...line } } };
}

/** A whole closed month at once (the organisation's `hours.month-closed`): each line replaces the participant's. */
export function recordParticipantMonths(
  current: OrganisationMonth,
  lines: readonly ({ participantId: string } & ParticipantMonthLine)[],
): OrganisationMonth {
  const next = { ...current.lines };
  for (const { participantId, countedHours, targetHours } of lines) next[participantId] = { countedHours, targetHours };
  return { ...current, lines: next };
}

export interface OrganisationMonthFigures {
  participantMonths: number;
  countedHoursSum: number;
  belowTarget: number;
  buckets: Record<HoursBucket, number>;
}

export function organisationMonthFigures(model: OrganisationMonth): OrganisationMonthFigures {
  const buckets = Object.fromEntries(HOURS_BUCKETS.map((b) => [b, 0])) as Record<HoursBucket, number>;
  let countedHoursSum = 0;
  let belowTarget = 0;
  const lines = Object.values(model.lines);
  for (const line of lines) {
    countedHoursSum += line.countedHours;
    if (line.countedHours < line.targetHours) belowTarget += 1;
    buckets[hoursBucket(line.countedHours)] += 1;
  }
  return { participantMonths: lines.length, countedHoursSum, belowTarget, buckets };
}

/** Erasure: the participant's line stays in the sums under the same anonymous key as in the roster. */
export function rekeyParticipantLine(
  current: OrganisationMonth,
  participantId: string,
  anonymousKey: string,
): OrganisationMonth {
  const line = current.lines[participantId];
  if (!line) return current;
  const lines = { ...current.lines };
  delete lines[participantId];
  lines[anonymousKey] = line;
  return { ...current, lines };
}
