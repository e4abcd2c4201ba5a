import { DomainError } from '@stapsteen/errors';
import { Ineligibility, TrajectoryWindow, ineligibilityOn } from './eligibility';
import { Prestation, PrestationFacts, countedHoursOf, monthOf, yearOf } from './prestation';

export interface CapPolicy {
  monthlyCap: number;
  yearlyCap: number;
}

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
  /** True when the prestation's month is already closed: the change is late and needs a reason. */
  monthClosed: boolean;
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
  if (authoring.monthClosed && !authoring.reason?.trim()) {
    throw new DomainError(
      'HOURS.REASON_REQUIRED_AFTER_CLOSE',
      'rule-violation',
      `${monthOf(facts.date)} is closed; give a reason for this late change.`,
      {
        month: monthOf(facts.date),
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
  assertWithinCaps(year, monthOf(facts.date), countedHours, policy);
  const prestation: Prestation = {
    ...facts,
    id,
    countedHours,
    enteredBy: authoring.by,
    enteredAt: authoring.at,
    late: authoring.monthClosed,
    deleted: false,
    history: authoring.monthClosed
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

/** A correction keeps who changed what, when and why; the caps are checked without the old version. */
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
  const without = { ...year, prestations: year.prestations.filter((p) => p.id !== id) };
  assertWithinCaps(without, monthOf(facts.date), countedHours, policy);
  const corrected = withChange({ ...current, ...facts, countedHours }, current, authoring, reason, facts);
  return replaced(year, corrected);
}

export function deletePrestation(
  year: ParticipantYear,
  id: string,
  authoring: Authoring,
): { year: ParticipantYear; prestation: Prestation } {
  const reason = requireReason(authoring.reason);
  const current = findLive(year, id);
  return replaced(year, withChange({ ...current, deleted: true }, current, authoring, reason, null));
}

/** The changed prestation, late if its month was closed, with who changed what, when and why. */
function withChange(
  changed: Prestation,
  current: Prestation,
  authoring: Authoring,
  reason: string,
  after: PrestationFacts | null,
): Prestation {
  return {
    ...changed,
    late: current.late || authoring.monthClosed,
    history: [
      ...current.history,
      { at: authoring.at, by: authoring.by, reason, late: authoring.monthClosed, before: factsOf(current), after },
    ],
  };
}

function replaced(year: ParticipantYear, prestation: Prestation): { year: ParticipantYear; prestation: Prestation } {
  return {
    year: { ...year, prestations: year.prestations.map((p) => (p.id === prestation.id ? prestation : p)) },
    prestation,
  };
}
