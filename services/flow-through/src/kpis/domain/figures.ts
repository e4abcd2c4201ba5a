import { addMonths, daysBetween } from '@stapsteen/calendar';
import { FUNNEL_STAGES, furthestStage, isExit, nineMonthResultKnown } from './definitions';
import type { HoursBucket } from './kpi-arithmetic';
import { OrganisationMonth, organisationMonthFigures } from './organisation-month';
import type { OrganisationRoster, RosterParticipant } from './roster';

/**
 * The compact figures of one organisation, recomputed from its roster and hours documents on every
 * write, so a dashboard reads one small document per organisation instead of every participant's
 * facts (on FerretDB v1 a lookup costs in proportion to the document's size). Counters are keyed
 * by the month they belong to; active and coached participants are kept as month deltas (+1 where
 * a stretch begins, −1 the month after it ends), so a running trajectory counts in every later
 * month without a write.
 */
export type MonthCounts = Record<string, number>;

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

export function hoursMonthFigures(model: OrganisationMonth): HoursMonthFigures {
  return organisationMonthFigures(model);
}
