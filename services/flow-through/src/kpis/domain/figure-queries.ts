import type { Destination, DropOffReason, DropOffStage } from '@stapsteen/contracts';
import { FUNNEL_STAGES, FunnelStage } from './definitions';
import { CohortFigures, HOURS_BUCKETS, HoursBucket, average, hoursFigures, median, rate } from './kpi-arithmetic';
import type { HoursMonthFigures, MonthCounts, OrganisationFigures, RosterContribution, Stretch } from './figures';
import { Period, inPeriod, monthsOf } from './period';

/**
 * What the dashboard and the exports read from the organisations' compact figures (`figures.ts`
 * keeps them up to date): the summary, the charts, the cohorts and the per-month export rows, each
 * over a period of months.
 */
/** Whether a stretch of months has a month within [from, to]. */
const overlaps = (stretches: readonly Stretch[], period: Period) =>
  stretches.some((s) => s.from <= period.to && (s.to === null || s.to >= period.from));

/**
 * THE definition of active and coached participants over any span of months, used by the summary
 * (the whole period) and the coverage chart (each month): distinct participants active in at least
 * one month of the span, and of those, the ones coached in at least one of those months.
 * Coverage is coached over active. A one-month span gives the chart's bar for that month.
 */
export function activeAndCoached(
  figures: readonly OrganisationFigures[],
  span: Period,
): { active: number; coached: number; coverage: number | null } {
  let active = 0;
  let coached = 0;
  for (const { roster } of figures)
    for (const p of roster.participants ?? []) {
      if (!overlaps(p.active, span)) continue;
      active += p.count ?? 1;
      if (overlaps(p.coached, span)) coached += p.count ?? 1;
    }
  return { active, coached, coverage: rate(coached, active) };
}

/**
 * Referrals of the period that started (the funnel's STARTED stage): never more than the referrals,
 * and the same number on the summary, the funnel and the exports.
 */
function startedReferrals(roster: RosterContribution, period: Period): number {
  return Object.entries(roster.funnel).reduce(
    (sum, [month, stages]) => (month >= period.from && month <= period.to ? sum + (stages.STARTED ?? 0) : sum),
    0,
  );
}

const sumIn = (counts: MonthCounts, period: Period) =>
  Object.entries(counts).reduce((sum, [month, n]) => (month >= period.from && month <= period.to ? sum + n : sum), 0);

export interface SummaryFigures {
  /** Referrals (enrolments) in the period. */
  referred: number;
  /** Of the period's referrals, those that started (the funnel's STARTED). */
  started: number;
  /** Distinct participants active in at least one month of the period. */
  active: number;
  ended: number;
  positiveOutflowRate: number | null;
  inWorkNineMonthsRate: number | null;
  averageCountedHours: number | null;
  shareBelowTarget: number | null;
  /** Of the active participants, the share coached in at least one month of the period (activeAndCoached). */
  coachingCoverage: number | null;
  /** Open now, whatever the period. */
  openAlerts: number;
}

function hoursTotals(figures: readonly OrganisationFigures[], period: Period) {
  const totals = { participantMonths: 0, countedHoursSum: 0, belowTarget: 0 };
  for (const f of figures)
    for (const [month, hours] of Object.entries(f.hours)) {
      if (month < period.from || month > period.to) continue;
      totals.participantMonths += hours.participantMonths;
      totals.countedHoursSum += hours.countedHoursSum;
      totals.belowTarget += hours.belowTarget;
    }
  return totals;
}

/** The headline figures over some organisations. */
export function summaryFigures(
  figures: readonly OrganisationFigures[],
  openAlerts: number,
  period: Period,
): SummaryFigures {
  let referred = 0;
  let started = 0;
  let ended = 0;
  let positive = 0;
  let nineKnown = 0;
  let inWork = 0;
  for (const { roster } of figures) {
    referred += sumIn(roster.referred, period);
    started += startedReferrals(roster, period);
    ended += sumIn(roster.ended, period);
    positive += sumIn(roster.positive, period);
    nineKnown += sumIn(roster.nineMonthsKnown, period);
    inWork += sumIn(roster.inWorkNineMonths, period);
  }
  const { active, coverage } = activeAndCoached(figures, period);
  return {
    referred,
    started,
    active,
    ended,
    positiveOutflowRate: rate(positive, ended),
    inWorkNineMonthsRate: rate(inWork, nineKnown),
    ...hoursFigures(hoursTotals(figures, period)),
    coachingCoverage: coverage,
    openAlerts,
  };
}

/** Closed participant-months per counted-hours bucket against the 60-hour cap. */
export function hoursDistribution(
  figures: readonly OrganisationFigures[],
  period: Period,
): { bucket: HoursBucket; participantMonths: number }[] {
  const totals = Object.fromEntries(HOURS_BUCKETS.map((b) => [b, 0])) as Record<HoursBucket, number>;
  for (const f of figures)
    for (const [month, hours] of Object.entries(f.hours)) {
      if (month < period.from || month > period.to) continue;
      for (const bucket of HOURS_BUCKETS) totals[bucket] += hours.buckets[bucket] ?? 0;
    }
  return HOURS_BUCKETS.map((bucket) => ({ bucket, participantMonths: totals[bucket] }));
}

export interface HoursTrendMonth {
  month: string;
  participantMonths: number;
  averageCountedHours: number | null;
  shareBelowTarget: number | null;
}

export function hoursTrend(figures: readonly OrganisationFigures[], period: Period): HoursTrendMonth[] {
  return monthsOf(period).map((month) => {
    const totals = hoursTotals(figures, { from: month, to: month });
    return { month, participantMonths: totals.participantMonths, ...hoursFigures(totals) };
  });
}

export interface DestinationFigures {
  destination: Destination;
  /** Whether flow-through counted these exits as positive outflow. */
  positive: boolean;
  count: number;
}

/** Exits in the period by destination, most frequent first. */
export function outflowByDestination(figures: readonly OrganisationFigures[], period: Period): DestinationFigures[] {
  const counts = new Map<string, number>();
  for (const { roster } of figures)
    for (const [month, byKey] of Object.entries(roster.outflow)) {
      if (month < period.from || month > period.to) continue;
      for (const [key, n] of Object.entries(byKey)) counts.set(key, (counts.get(key) ?? 0) + n);
    }
  return [...counts.entries()]
    .map(([key, count]) => {
      const [destination, positive] = key.split(':');
      return { destination: destination as Destination, positive: positive === 'true', count };
    })
    .sort((a, b) => b.count - a.count || a.destination.localeCompare(b.destination));
}

export interface FunnelFigures {
  stages: { stage: FunnelStage; count: number }[];
  dropOffs: { stage: DropOffStage; reasonCode: DropOffReason; count: number }[];
}

/**
 * The referral funnel of the participants referred in the period: how many reached each stage
 * (a later stage counts in the earlier ones too) and why the others dropped off before the start.
 */
export function referralFunnel(figures: readonly OrganisationFigures[], period: Period): FunnelFigures {
  const reached: Record<FunnelStage, number> = { REFERRED: 0, INTAKE: 0, STARTED: 0 };
  const drops = new Map<string, number>();
  for (const { roster } of figures) {
    for (const [month, stages] of Object.entries(roster.funnel)) {
      if (month < period.from || month > period.to) continue;
      for (const stage of FUNNEL_STAGES) reached[stage] += stages[stage] ?? 0;
    }
    for (const [month, byKey] of Object.entries(roster.dropOffs)) {
      if (month < period.from || month > period.to) continue;
      for (const [key, n] of Object.entries(byKey)) drops.set(key, (drops.get(key) ?? 0) + n);
    }
  }
  return {
    stages: FUNNEL_STAGES.map((stage) => ({ stage, count: reached[stage] })),
    dropOffs: [...drops.entries()]
      .map(([key, count]) => {
        const [stage, reasonCode] = key.split(':');
        return { stage: stage as DropOffStage, reasonCode: reasonCode as DropOffReason, count };
      })
      .sort((a, b) => b.count - a.count || a.reasonCode.localeCompare(b.reasonCode)),
  };
}

export interface CoverageMonth {
  month: string;
  activeParticipants: number;
  coached: number;
  coverage: number | null;
}

/** The coverage chart: activeAndCoached for each month of the period, the summary's definition month by month. */
export function coachingCoverage(figures: readonly OrganisationFigures[], period: Period): CoverageMonth[] {
  return monthsOf(period).map((month) => {
    const { active, coached, coverage } = activeAndCoached(figures, { from: month, to: month });
    return { month, activeParticipants: active, coached, coverage };
  });
}

/** Cohorts by start month for the trajectories started in the period. */
export function cohortFigures(figures: readonly OrganisationFigures[], period: Period): CohortFigures[] {
  const byMonth = new Map<string, { started: number; ended: number; positive: number; days: number[] }>();
  for (const { roster } of figures)
    for (const [month, cohort] of Object.entries(roster.cohorts)) {
      if (!inPeriod(`${month}-01`, period)) continue;
      const entry = byMonth.get(month) ?? { started: 0, ended: 0, positive: 0, days: [] };
      entry.started += cohort.started;
      entry.ended += cohort.ended;
      entry.positive += cohort.positive;
      entry.days.push(...cohort.days);
      byMonth.set(month, entry);
    }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([startMonth, c]) => ({
      startMonth,
      started: c.started,
      ended: c.ended,
      positive: c.positive,
      flowThroughRate: rate(c.positive, c.started),
      medianDaysToExit: median(c.days),
      averageDaysToExit: average(
        c.days.reduce((s, d) => s + d, 0),
        c.days.length,
      ),
    }));
}

/** What one organisation's figures say about one month (a row of the CSV/XLSX export). */
export interface OrganisationMonthFigures {
  referred: number;
  /** Of the month's referrals, those that started (as the summary counts them). */
  started: number;
  active: number;
  coached: number;
  ended: number;
  positive: number;
  hours: HoursMonthFigures;
}

function activeAndCoachedIn(figures: OrganisationFigures, month: string): { active: number; coached: number } {
  const { active, coached } = activeAndCoached([figures], { from: month, to: month });
  return { active, coached };
}

export function organisationMonthSeries(
  figures: OrganisationFigures,
  period: Period,
): Map<string, OrganisationMonthFigures> {
  const months = monthsOf(period);
  const noHours = (): HoursMonthFigures => ({
    participantMonths: 0,
    countedHoursSum: 0,
    belowTarget: 0,
    buckets: Object.fromEntries(HOURS_BUCKETS.map((b) => [b, 0])) as Record<HoursBucket, number>,
  });
  return new Map(
    months.map((month) => [
      month,
      {
        referred: figures.roster.referred[month] ?? 0,
        started: figures.roster.funnel[month]?.STARTED ?? 0,
        ...activeAndCoachedIn(figures, month),
        ended: figures.roster.ended[month] ?? 0,
        positive: figures.roster.positive[month] ?? 0,
        hours: figures.hours[month] ?? noHours(),
      },
    ]),
  );
}
