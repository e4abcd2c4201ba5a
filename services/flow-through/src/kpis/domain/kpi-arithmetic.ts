/**
 * The KPI arithmetic of issue 3, framework-free. Read models hold sums and counts; these functions
 * turn them into the published figures, so every endpoint and export computes a figure the same way.
 */
import { daysBetween } from '@stapsteen/calendar';

/** The 60-hour cap on counted hours per participant-month (docs/domain.md, "Caps and counting" and "KPIs"). */
export const HOURS_CAP_PER_MONTH = 60;

/** Bucket labels of the counted-hours distribution: 0, 1–9, 10–19, …, 50–59, 60. */
export const HOURS_BUCKETS = ['0', '1-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60'] as const;
export type HoursBucket = (typeof HOURS_BUCKETS)[number];

/** Smallest group a pseudonymised export may publish. */
export const MIN_PUBLISHED_GROUP = 5;

/** A share in [0, 1], or null when there is nothing to divide by (never NaN, never a made-up 0). */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return numerator / denominator;
}

/** An average kept as sum and count; null for an empty group. */
export function average(sum: number, count: number): number | null {
  if (count <= 0) return null;
  return sum / count;
}

/**
 * The bucket for a participant-month's counted hours. Hours are whole or fractional; a month with
 * 9.5 hours is below 10, so it falls in 1–9; anything from 60 (the cap) up is 60.
 */
export function hoursBucket(countedHours: number): HoursBucket {
  if (countedHours <= 0) return '0';
  if (countedHours >= HOURS_CAP_PER_MONTH) return '60';
  if (countedHours < 10) return '1-9';
  const index = Math.floor(countedHours / 10);
  return HOURS_BUCKETS[index + 1];
}

/** Median of a list (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface CohortMember {
  startedOn: string;
  endedOn: string | null;
  positiveOutflow: boolean | null;
}

export interface CohortFigures {
  /** YYYY-MM of the start. */
  startMonth: string;
  started: number;
  ended: number;
  positive: number;
  /** Positive outflows over everyone who started in the month (the cohort's flow-through rate). */
  flowThroughRate: number | null;
  medianDaysToExit: number | null;
  averageDaysToExit: number | null;
}

/** Cohorts by start month: flow-through rate and time to exit over those who have ended. */
export function cohorts(members: readonly CohortMember[]): CohortFigures[] {
  const byMonth = new Map<string, CohortMember[]>();
  for (const member of members) {
    const month = member.startedOn.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), member]);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([startMonth, group]) => {
      const ended = group.filter((m) => m.endedOn !== null);
      const days = ended.map((m) => daysBetween(m.startedOn, m.endedOn as string));
      const positive = ended.filter((m) => m.positiveOutflow === true).length;
      return {
        startMonth,
        started: group.length,
        ended: ended.length,
        positive,
        flowThroughRate: rate(positive, group.length),
        medianDaysToExit: median(days),
        averageDaysToExit: average(
          days.reduce((sum, d) => sum + d, 0),
          days.length,
        ),
      };
    });
}

/** Shares of participant-months below their target, and the average counted hours. */
export interface HoursMonthTotals {
  participantMonths: number;
  countedHoursSum: number;
  belowTarget: number;
}

export function hoursFigures(totals: HoursMonthTotals): {
  averageCountedHours: number | null;
  shareBelowTarget: number | null;
} {
  return {
    averageCountedHours: average(totals.countedHoursSum, totals.participantMonths),
    shareBelowTarget: rate(totals.belowTarget, totals.participantMonths),
  };
}

/**
 * Small-cell suppression for a published row of counts that sums to a published total (e.g. the
 * hours buckets of one organisation-month). Primary: every cell with 1–4 is suppressed (a 0 is
 * published: it reveals no one). Complementary: when exactly one cell is suppressed, the total minus
 * the others would reveal it, so the smallest other non-zero cell is suppressed too. When the total
 * itself is below the minimum, everything is suppressed. Suppressed cells are null.
 */
export function suppressRow(
  cells: readonly number[],
  min = MIN_PUBLISHED_GROUP,
): { cells: (number | null)[]; total: number | null } {
  const total = cells.reduce((sum, c) => sum + c, 0);
  if (total > 0 && total < min) return { cells: cells.map(() => null), total: null };
  const suppressed = cells.map((c) => c > 0 && c < min);
  if (suppressed.filter(Boolean).length === 1) {
    let candidate = -1;
    cells.forEach((c, i) => {
      if (!suppressed[i] && c > 0 && (candidate === -1 || c < cells[candidate])) candidate = i;
    });
    if (candidate !== -1) suppressed[candidate] = true;
  }
  return { cells: cells.map((c, i) => (suppressed[i] ? null : c)), total };
}

/** Whether a group (organisation × month, or any published combination) may be published at all. */
export function publishable(groupSize: number, min = MIN_PUBLISHED_GROUP): boolean {
  return groupSize >= min;
}

/** Birth year band of five years (e.g. 1990–1994), instead of a birth date. */
export function birthYearBand(birthDate: string): string {
  const year = Number(birthDate.slice(0, 4));
  const start = year - (year % 5);
  return `${start}-${start + 4}`;
}
