import { addMonths, daysBetween } from '@stapsteen/calendar';
import type { Destination, DropOffReason, DropOffStage } from '@stapsteen/contracts';
import { FUNNEL_STAGES, FunnelStage, furthestStage, isExit, nineMonthResultKnown } from './definitions';
import { CohortFigures, HOURS_BUCKETS, HoursBucket, average, hoursFigures, median, rate } from './kpi-arithmetic';
import { OrganisationMonth, organisationMonthFigures } from './organisation-month';
import { Period, inPeriod, monthsOf } from './period';
import type { OrganisationRoster, RosterParticipant } from './roster';

/**
 * The compact figures of one organisation, recomputed from its roster and hours documents on every
 * write, so a dashboard reads one small document per organisation instead of every participant's
 * facts (on FerretDB v1 a lookup costs in proportion to the document's size). Counters are keyed
 * by the month they belong to; active and coached participants are kept as month deltas (+1 where
 * a stretch begins, −1 the month after it ends), so a running trajectory counts in every later
 * month without a write.
 */
type MonthCounts = Record<string, number>;

export interface RosterContribution {
  referred: MonthCounts;
  started: MonthCounts;
  /** Exits by exit month. */
  ended: MonthCounts;
  positive: MonthCounts;
  nineMonthsKnown: MonthCounts;
  inWorkNineMonths: MonthCounts;
  activeDelta: MonthCounts;
  coachedDelta: MonthCounts;
  /** Exit month → `${destination}:${positive}` → count. */
  outflow: Record<string, MonthCounts>;
  /** Referral month → funnel stage → referrals that reached it. */
  funnel: Record<string, MonthCounts>;
  /** Referral month → `${stage}:${reasonCode}` → count. */
  dropOffs: Record<string, MonthCounts>;
  /** Start month → the cohort's counts and days to exit of those who left. */
  cohorts: Record<string, { started: number; ended: number; positive: number; days: number[] }>;
  /**
   * Per participant who ever started (no id: the order means nothing), the month stretches they
   * were active and coached in, so "active in at least one month of the period" and the coverage
   * over a period count distinct participants. Participants with the same stretches share one
   * entry with their `count` (a region's thousands of participants are a few hundred entries, which
   * keeps the document the dashboard reads small). Absent in documents written before it existed.
   */
  participants?: ParticipantStretches[];
}

export interface ParticipantStretches {
  active: Stretch[];
  coached: Stretch[];
  /** How many participants have exactly these stretches; absent (written before) means one. */
  count?: number;
}

export interface HoursMonthFigures {
  participantMonths: number;
  countedHoursSum: number;
  belowTarget: number;
  buckets: Record<HoursBucket, number>;
}

export interface OrganisationFigures {
  _id: string;
  organisationId: string;
  roster: RosterContribution;
  /** Closed month → its hours figures. */
  hours: Record<string, HoursMonthFigures>;
  /**
   * The version of the roster and of each month document the figures were derived from, so a
   * derivation from an older version that finishes late (another instance) changes nothing.
   * Absent in documents written before it existed: any version is newer.
   */
  derivedFrom?: { roster?: number; hours?: Record<string, number> };
}

/** The figures with the roster's contribution of that roster version, unless they have a newer one. */
export function withRosterContribution(
  figures: OrganisationFigures,
  contribution: () => RosterContribution,
  rosterVersion: number,
): OrganisationFigures {
  if ((figures.derivedFrom?.roster ?? 0) >= rosterVersion) return figures;
  return { ...figures, roster: contribution(), derivedFrom: { ...figures.derivedFrom, roster: rosterVersion } };
}

/** The figures with one month's hours figures of that month document's version, unless they have a newer one. */
export function withHoursMonth(
  figures: OrganisationFigures,
  month: string,
  monthFigures: () => HoursMonthFigures,
  monthVersion: number,
): OrganisationFigures {
  if ((figures.derivedFrom?.hours?.[month] ?? 0) >= monthVersion) return figures;
  return {
    ...figures,
    hours: { ...figures.hours, [month]: monthFigures() },
    derivedFrom: { ...figures.derivedFrom, hours: { ...figures.derivedFrom?.hours, [month]: monthVersion } },
  };
}

export function emptyRosterContribution(): RosterContribution {
  return {
    referred: {},
    started: {},
    ended: {},
    positive: {},
    nineMonthsKnown: {},
    inWorkNineMonths: {},
    activeDelta: {},
    coachedDelta: {},
    outflow: {},
    funnel: {},
    dropOffs: {},
    cohorts: {},
    participants: [],
  };
}

export function emptyOrganisationFigures(organisationId: string): OrganisationFigures {
  return { _id: organisationId, organisationId, roster: emptyRosterContribution(), hours: {} };
}

const bump = (counts: MonthCounts, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};
const nested = (table: Record<string, MonthCounts>, month: string) => (table[month] ??= {});

export type Stretch = { from: string; to: string | null };

/** Month stretches merged where they overlap or touch; `to` null = still running. */
function mergeStretches(stretches: Stretch[]): Stretch[] {
  const sorted = stretches.filter((s) => s.to === null || s.to >= s.from).sort((a, b) => a.from.localeCompare(b.from));
  const merged: Stretch[] = [];
  for (const stretch of sorted) {
    const last = merged.at(-1);
    if (last && (last.to === null || addMonths(last.to, 1) >= stretch.from)) {
      if (last.to !== null) last.to = stretch.to === null || stretch.to > last.to ? stretch.to : last.to;
    } else merged.push({ ...stretch });
  }
  return merged;
}

function intersect(a: Stretch[], b: Stretch[]): Stretch[] {
  const out: Stretch[] = [];
  for (const x of a)
    for (const y of b) {
      const from = x.from > y.from ? x.from : y.from;
      const to = x.to === null ? y.to : y.to === null ? x.to : x.to < y.to ? x.to : y.to;
      if (to === null || to >= from) out.push({ from, to });
    }
  return mergeStretches(out);
}

function addStretches(deltas: MonthCounts, stretches: Stretch[]) {
  for (const stretch of stretches) {
    bump(deltas, stretch.from);
    if (stretch.to !== null) bump(deltas, addMonths(stretch.to, 1), -1);
  }
}

/** The months a participant is active (isActiveInMonth) and coached (isCoachedInMonth), as stretches. */
function activeStretches(participant: RosterParticipant): { active: Stretch[]; coached: Stretch[] } {
  const active = mergeStretches(
    Object.values(participant.trajectories)
      .filter((t) => t.startedOn !== null)
      .map((t) => ({ from: t.startedOn!.slice(0, 7), to: t.endedOn?.slice(0, 7) ?? null })),
  );
  const coaching = mergeStretches(
    Object.values(participant.coaching).map((c) => ({
      from: c.startedOn.slice(0, 7),
      to: c.endedOn?.slice(0, 7) ?? null,
    })),
  );
  return { active, coached: intersect(active, coaching) };
}

/** Everything the dashboard needs from a roster, in counters by month. */
export function rosterContribution(roster: OrganisationRoster): RosterContribution {
  const c = emptyRosterContribution();
  const sameStretches = new Map<string, ParticipantStretches>();
  for (const participant of Object.values(roster.participants)) {
    if (participant.referredOn) {
      const month = participant.referredOn.slice(0, 7);
      bump(c.referred, month);
      const furthest = furthestStage(participant);
      for (const stage of FUNNEL_STAGES.slice(0, FUNNEL_STAGES.indexOf(furthest) + 1))
        bump(nested(c.funnel, month), stage);
      if (furthest !== 'STARTED')
        for (const t of Object.values(participant.trajectories))
          if (t.dropOff) bump(nested(c.dropOffs, month), `${t.dropOff.stage}:${t.dropOff.reasonCode}`);
    }
    for (const t of Object.values(participant.trajectories)) {
      if (!t.startedOn) continue;
      const startMonth = t.startedOn.slice(0, 7);
      bump(c.started, startMonth);
      const cohort = (c.cohorts[startMonth] ??= { started: 0, ended: 0, positive: 0, days: [] });
      cohort.started += 1;
      if (!isExit(t)) continue;
      const exitMonth = t.endedOn.slice(0, 7);
      const positive = t.positiveOutflow === true;
      bump(c.ended, exitMonth);
      if (positive) bump(c.positive, exitMonth);
      if (t.destination) bump(nested(c.outflow, exitMonth), `${t.destination}:${positive}`);
      if (nineMonthResultKnown(t)) {
        bump(c.nineMonthsKnown, exitMonth);
        if (t.inWorkNineMonths === true) bump(c.inWorkNineMonths, exitMonth);
      }
      cohort.ended += 1;
      if (positive) cohort.positive += 1;
      cohort.days.push(daysBetween(t.startedOn, t.endedOn));
    }
    const { active, coached } = activeStretches(participant);
    addStretches(c.activeDelta, active);
    addStretches(c.coachedDelta, coached);
    if (active.length === 0) continue;
    const key = JSON.stringify([active, coached]);
    const entry = sameStretches.get(key);
    if (entry) entry.count = (entry.count ?? 1) + 1;
    else sameStretches.set(key, { active, coached, count: 1 });
  }
  c.participants = [...sameStretches.values()];
  return c;
}

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

export function hoursMonthFigures(model: OrganisationMonth): HoursMonthFigures {
  return organisationMonthFigures(model);
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
