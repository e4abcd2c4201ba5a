import { monthOf, yearOf } from '@stapsteen/calendar';
import { DomainError } from '@stapsteen/errors';
import { Ineligibility, TrajectoryWindow, ineligibilityOn } from './eligibility';
import { Prestation, PrestationFacts, countedHoursOf } from './prestation';

export interface CapPolicy {
  monthlyCap: number;
  yearlyCap: number;
  /** Minutes one participant may work on one calendar day, over all their prestations (at most 24 h). */
  dailyMaximumMinutes: number;
}

/** The daily maximum when none is configured: 12 hours. */
export const DEFAULT_DAILY_MAXIMUM_MINUTES = 12 * 60;
/** A day has 24 hours; no configuration may allow more. */
export const DAY_MINUTES = 24 * 60;

/**
 * One participant's prestations of one calendar year: the aggregate whose single document holds
 * both caps, so one conditional write keeps the month and the year total right.
 */
export interface ParticipantYear {
  participantId: string;
  organisationId: string;
  regionId: string;
  year: number;
  prestations: Prestation[];
}

export interface Totals {
  month: string;
  monthCounted: number;
  monthRemaining: number;
  yearCounted: number;
  yearRemaining: number;
}

export interface Authoring {
  by: string;
  at: string;
  /** Today in Brussels, to refuse future dates. */
  today: string;
  /**
   * The organisation's closed (already paid) months. A change that touches one of them, the month
   * a prestation enters or the month it leaves, is late and needs a reason.
   */
  closedMonths: ReadonlySet<string>;
  reason?: string;
}

const INELIGIBLE_MESSAGES: Record<Ineligibility, string> = {
  NO_ACTIVE_TRAJECTORY:
    'This participant has no started trajectory; hours count from the signed wijk-werkovereenkomst.',
  BEFORE_TRAJECTORY_START: 'This date lies before the start of the participant’s trajectory.',
  TRAJECTORY_SUSPENDED: 'The participant’s trajectory was suspended on this date.',
  AFTER_TRAJECTORY_END: 'The participant’s trajectory had ended by this date.',
};

export function emptyYear(
  participant: { participantId: string; organisationId: string; regionId: string },
  year: number,
): ParticipantYear {
  return { ...participant, year, prestations: [] };
}

const live = (year: ParticipantYear) => year.prestations.filter((p) => !p.deleted);

export function countedInMonth(year: ParticipantYear, month: string): number {
  return live(year)
    .filter((p) => monthOf(p.date) === month)
    .reduce((sum, p) => sum + p.countedHours, 0);
}

export function countedInYear(year: ParticipantYear): number {
  return live(year).reduce((sum, p) => sum + p.countedHours, 0);
}

export function totalsFor(year: ParticipantYear, month: string, policy: CapPolicy): Totals {
  const monthCounted = countedInMonth(year, month);
  const yearCounted = countedInYear(year);
  return {
    month,
    monthCounted,
    monthRemaining: Math.max(0, Math.min(policy.monthlyCap - monthCounted, policy.yearlyCap - yearCounted)),
    yearCounted,
    yearRemaining: Math.max(0, policy.yearlyCap - yearCounted),
  };
}

function assertDateAllowed(
  facts: PrestationFacts,
  year: ParticipantYear,
  authoring: Authoring,
  trajectories: TrajectoryWindow[],
): void {
  if (yearOf(facts.date) !== year.year) {
    throw new DomainError(
      'HOURS.WRONG_YEAR',
      'validation',
      `This prestation belongs to ${yearOf(facts.date)}, not ${year.year}.`,
    );
  }
  if (facts.date > authoring.today) {
    throw new DomainError(
      'HOURS.DATE_IN_FUTURE',
      'rule-violation',
      'Hours can only be registered once they have been worked.',
      {
        today: authoring.today,
      },
    );
  }
  const reason = ineligibilityOn(trajectories, facts.date);
  if (reason)
    throw new DomainError(`HOURS.${reason}`, 'rule-violation', INELIGIBLE_MESSAGES[reason], { date: facts.date });
}

/**
 * The first closed month among those a change touches (the month a prestation enters and, for a
 * correction or deletion, the month it leaves), or null when the change touches only open months.
 */
export function closedMonthTouched(authoring: Authoring, dates: string[]): string | null {
  return dates.map(monthOf).find((month) => authoring.closedMonths.has(month)) ?? null;
}

/** A change to a closed month is late: it needs a reason, like every paid month's change. */
function assertReasonIfLate(closedMonth: string | null, authoring: Authoring): void {
  if (closedMonth && !authoring.reason?.trim()) {
    throw new DomainError(
      'HOURS.REASON_REQUIRED_AFTER_CLOSE',
      'rule-violation',
      `${closedMonth} is closed; give a reason for this late change.`,
      { month: closedMonth },
    );
  }
}

/** Minutes of the live prestations on one day. */
export function minutesOnDay(year: ParticipantYear, date: string): number {
  return live(year)
    .filter((p) => p.date === date)
    .reduce((sum, p) => sum + p.minutes, 0);
}

/** Refuses a prestation that would take its day over the daily maximum, and says how many minutes are left. */
function assertWithinDay(year: ParticipantYear, date: string, adding: number, policy: CapPolicy): void {
  const maximum = Math.min(policy.dailyMaximumMinutes, DAY_MINUTES);
  const already = minutesOnDay(year, date);
  if (already + adding > maximum) {
    const remaining = Math.max(0, maximum - already);
    throw new DomainError(
      'HOURS.DAY_LIMIT_EXCEEDED',
      'rule-violation',
      `This would bring ${date} to ${already + adding} minutes; at most ${maximum} minutes a day are allowed and ${already} are already registered, so ${remaining} minutes are left.`,
      {
        date,
        maximumMinutes: maximum,
        alreadyMinutes: already,
        requestedMinutes: adding,
        remainingMinutes: remaining,
      },
    );
  }
}

/** Refuses, whole, a change that would take the month or the year over its cap, and says what is left. */
function assertWithinCaps(year: ParticipantYear, month: string, adding: number, policy: CapPolicy): void {
  const monthCounted = countedInMonth(year, month);
  if (monthCounted + adding > policy.monthlyCap) {
    throw new DomainError(
      'HOURS.MONTHLY_CAP_EXCEEDED',
      'rule-violation',
      `This would bring ${month} to ${monthCounted + adding} counted hours; the cap is ${policy.monthlyCap} and ${monthCounted} are already counted, so ${Math.max(0, policy.monthlyCap - monthCounted)} remain.`,
      {
        cap: policy.monthlyCap,
        month,
        alreadyCounted: monthCounted,
        requested: adding,
        stillAllowed: Math.max(0, policy.monthlyCap - monthCounted),
      },
    );
  }
  const yearCounted = countedInYear(year);
  if (yearCounted + adding > policy.yearlyCap) {
    throw new DomainError(
      'HOURS.YEARLY_CAP_EXCEEDED',
      'rule-violation',
      `This would bring ${year.year} to ${yearCounted + adding} counted hours; the cap is ${policy.yearlyCap} and ${yearCounted} are already counted, so ${Math.max(0, policy.yearlyCap - yearCounted)} remain.`,
      {
        cap: policy.yearlyCap,
        year: year.year,
        alreadyCounted: yearCounted,
        requested: adding,
        stillAllowed: Math.max(0, policy.yearlyCap - yearCounted),
      },
    );
  }
}

export function recordPrestation(
  year: ParticipantYear,
  id: string,
  facts: PrestationFacts,
  authoring: Authoring,
  trajectories: TrajectoryWindow[],
  policy: CapPolicy,
): { year: ParticipantYear; prestation: Prestation } {
  const countedHours = countedHoursOf(facts.minutes);
  assertDateAllowed(facts, year, authoring, trajectories);
  const closedMonth = closedMonthTouched(authoring, [facts.date]);
  assertReasonIfLate(closedMonth, authoring);
  const late = closedMonth !== null;
  assertWithinDay(year, facts.date, facts.minutes, policy);
  assertWithinCaps(year, monthOf(facts.date), countedHours, policy);
  const prestation: Prestation = {
    ...facts,
    id,
    countedHours,
    enteredBy: authoring.by,
    enteredAt: authoring.at,
    late,
    deleted: false,
    history: late
      ? [
          {
            at: authoring.at,
            by: authoring.by,
            reason: authoring.reason!.trim(),
            late: true,
            before: null,
            after: facts,
          },
        ]
      : [],
  };
  return { year: { ...year, prestations: [...year.prestations, prestation] }, prestation };
}

function findLive(year: ParticipantYear, id: string): Prestation {
  const prestation = year.prestations.find((p) => p.id === id && !p.deleted);
  if (!prestation) throw new DomainError('HOURS.PRESTATION_NOT_FOUND', 'not-found', 'There is no such prestation.');
  return prestation;
}

function requireReason(reason: string | undefined): string {
  if (!reason?.trim()) throw new DomainError('HOURS.REASON_REQUIRED', 'validation', 'A correction needs a reason.');
  return reason.trim();
}

const factsOf = (p: Prestation): PrestationFacts => ({
  date: p.date,
  minutes: p.minutes,
  gebruiker: p.gebruiker,
  activity: p.activity,
  kilometres: p.kilometres,
});

/**
 * A correction keeps who changed what, when and why; the caps and the day are checked without the
 * old version. It is late when the month the prestation leaves or the month it enters is closed.
 */
export function correctPrestation(
  year: ParticipantYear,
  id: string,
  facts: PrestationFacts,
  authoring: Authoring,
  trajectories: TrajectoryWindow[],
  policy: CapPolicy,
): { year: ParticipantYear; prestation: Prestation } {
  const reason = requireReason(authoring.reason);
  const current = findLive(year, id);
  const countedHours = countedHoursOf(facts.minutes);
  assertDateAllowed(facts, year, authoring, trajectories);
  const late = closedMonthTouched(authoring, [current.date, facts.date]) !== null;
  const without = { ...year, prestations: year.prestations.filter((p) => p.id !== id) };
  assertWithinDay(without, facts.date, facts.minutes, policy);
  assertWithinCaps(without, monthOf(facts.date), countedHours, policy);
  const corrected = withChange({ ...current, ...facts, countedHours }, current, authoring, reason, facts, late);
  return replaced(year, corrected);
}

/** A deletion is late when the month the prestation leaves is closed. */
export function deletePrestation(
  year: ParticipantYear,
  id: string,
  authoring: Authoring,
): { year: ParticipantYear; prestation: Prestation } {
  const reason = requireReason(authoring.reason);
  const current = findLive(year, id);
  const late = closedMonthTouched(authoring, [current.date]) !== null;
  return replaced(year, withChange({ ...current, deleted: true }, current, authoring, reason, null, late));
}

/** The changed prestation, late if it touched a closed month, with who changed what, when and why. */
function withChange(
  changed: Prestation,
  current: Prestation,
  authoring: Authoring,
  reason: string,
  after: PrestationFacts | null,
  late: boolean,
): Prestation {
  return {
    ...changed,
    late: current.late || late,
    history: [
      ...current.history,
      { at: authoring.at, by: authoring.by, reason, late, before: factsOf(current), after },
    ],
  };
}

function replaced(year: ParticipantYear, prestation: Prestation): { year: ParticipantYear; prestation: Prestation } {
  return {
    year: { ...year, prestations: year.prestations.map((p) => (p.id === prestation.id ? prestation : p)) },
    prestation,
  };
}
