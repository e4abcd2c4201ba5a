import { lastDayOf, monthOf } from '@stapsteen/calendar';
import { Principal, canAccess, canReadOrganisation, readScopeOf } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { MonthCloseRepository, TargetSettings } from '../../month-close/application/ports';
import type { ParticipantMonthResult } from '../../month-close/domain/low-hours';
import { TargetStanding, targetStanding } from '../../month-close/domain/target-standing';
import { targetFor } from '../../month-close/domain/targets';
import type { ParticipantRoster, RosterEntry } from '../../participants/application/participant-roster';
import { Clock, brusselsDateOf } from '../../shared/brussels-time';
import { activeInMonth } from '../domain/eligibility';
import { AllowanceRates, MonthAllowance, allowanceFor } from '../domain/allowance';
import { CapPolicy, ParticipantYear, emptyYear, totalsFor } from '../domain/participant-year';
import { Prestation } from '../domain/prestation';
import type { ParticipantYearRepository } from './ports';

/**
 * Where a participant stands against the month's target. A closed month shows what its close
 * judged (and whether it flagged the participant at risk); a month that is over but still open is
 * compared with the whole target; the running month with the target in proportion to the days
 * elapsed (see `targetStanding`), so nobody is "below target" on the fifth of the month.
 */
export interface TargetFacts {
  targetHours: number;
  standing: TargetStanding;
  /** Whether the month's close flagged the participant at risk; null while the month is not closed. */
  flagged: boolean | null;
}

export interface MonthSummary extends MonthAllowance, TargetFacts {
  month: string;
  monthRemaining: number;
  prestations: Prestation[];
}

/** What the queries read of the month close: the organisation's targets and the closed months' results. */
export interface MonthJudgements {
  targets: TargetSettings;
  closes: Pick<MonthCloseRepository, 'closedMonths' | 'load'>;
  clock: Clock;
}

export interface GridRow extends TargetFacts {
  participantId: string;
  displayName: string;
  countedHours: number;
  monthRemaining: number;
  yearCounted: number;
  yearRemaining: number;
  allowanceCents: number;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

export class HoursQueries {
  constructor(
    private readonly years: ParticipantYearRepository,
    private readonly roster: ParticipantRoster,
    private readonly policy: CapPolicy,
    private readonly rates: AllowanceRates,
    private readonly judgements: MonthJudgements,
  ) {}

  /** The target facts of one participant's month; `judged` is the month's close result, if closed. */
  private targetFacts(
    participant: RosterEntry,
    settings: Awaited<ReturnType<TargetSettings['forOrganisation']>>,
    month: string,
    countedHours: number,
    today: string,
    judged: ParticipantMonthResult | undefined | null,
  ): TargetFacts {
    if (judged) {
      return {
        targetHours: judged.targetHours,
        standing: {
          status: judged.belowTarget ? 'BELOW_TARGET' : 'ON_TARGET',
          expectedHours: judged.targetHours,
        },
        flagged: judged.flagged,
      };
    }
    const startedOn =
      participant.trajectories.find((t) => t.startedOn && t.startedOn <= lastDayOf(month))?.startedOn ?? null;
    const targetHours = targetFor(participant.monthlyHoursTarget, settings, startedOn, month);
    return {
      targetHours,
      standing: targetStanding(month, today, countedHours, targetHours, participant.trajectories),
      flagged: null,
    };
  }

  private today(): string {
    return brusselsDateOf(this.judgements.clock.now());
  }

  async participantYear(principal: Principal, participantId: string, year: number) {
    const participant = await this.roster.findById(participantId);
    if (!participant || !canAccess(principal, participant)) {
      throw new DomainError(
        'HOURS.PARTICIPANT_NOT_FOUND',
        'not-found',
        'There is no such participant in your organisations.',
      );
    }
    const { organisationId } = participant;
    const [loaded, settings, closed] = await Promise.all([
      this.years.load(participantId, year),
      this.judgements.targets.forOrganisation(organisationId),
      this.judgements.closes.closedMonths(organisationId),
    ]);
    const stored = loaded?.year ?? emptyYear(participant, year);
    const monthsOfYear = MONTHS.map((m) => `${year}-${m}`);
    // The closes of this year's closed months (one `_id` read each), for what each judged.
    const judged = new Map(
      await Promise.all(
        monthsOfYear
          .filter((month) => closed.has(month))
          .map(async (month) => {
            const close = await this.judgements.closes.load(organisationId, month);
            return [month, close?.results.find((r) => r.participantId === participantId) ?? null] as const;
          }),
      ),
    );
    const today = this.today();
    const months: MonthSummary[] = monthsOfYear.map((month) => {
      const prestations = stored.prestations.filter((p) => monthOf(p.date) === month);
      const allowance = allowanceFor(prestations, this.rates);
      return {
        month,
        ...allowance,
        monthRemaining: totalsFor(stored, month, this.policy).monthRemaining,
        ...this.targetFacts(participant, settings, month, allowance.countedHours, today, judged.get(month)),
        prestations,
      };
    });
    return {
      participantId,
      displayName: participant.displayName,
      year,
      ...totalsFor(stored, `${year}-01`, this.policy),
      months,
    };
  }

  /** The organiser's month: every participant with an active trajectory on some day of it. */
  async monthGrid(principal: Principal, organisationId: string, month: string): Promise<GridRow[]> {
    // Outside the caller's organisations (or nothing to read at all): 404 without a database read.
    const everyone = readScopeOf(principal, organisationId) ? await this.roster.list({ organisationId }) : null;
    if (
      everyone === null ||
      !canReadOrganisation(
        principal,
        organisationId,
        everyone.map((p) => p.regionId),
      )
    ) {
      throw new DomainError(
        'HOURS.ORGANISATION_NOT_FOUND',
        'not-found',
        'There is no such organisation in your scope.',
      );
    }
    const year = Number(month.slice(0, 4));
    const participants = everyone.filter((p) => canAccess(principal, p));
    const [loaded, settings, close] = await Promise.all([
      this.years.loadMany(participants.map((p) => `${p.participantId}:${year}`)),
      this.judgements.targets.forOrganisation(organisationId),
      this.judgements.closes.load(organisationId, month),
    ]);
    const judged = new Map((close?.results ?? []).map((r) => [r.participantId, r]));
    const today = this.today();
    const yearOf = new Map<string, ParticipantYear>([...loaded.values()].map(({ year: y }) => [y.participantId, y]));
    return participants
      .filter((p) => activeInMonth(p.trajectories, month))
      .map((p) => {
        const stored = yearOf.get(p.participantId) ?? emptyYear(p, year);
        const totals = totalsFor(stored, month, this.policy);
        const allowance = allowanceFor(
          stored.prestations.filter((pr) => monthOf(pr.date) === month),
          this.rates,
        );
        return {
          participantId: p.participantId,
          displayName: p.displayName,
          countedHours: totals.monthCounted,
          monthRemaining: totals.monthRemaining,
          yearCounted: totals.yearCounted,
          yearRemaining: totals.yearRemaining,
          allowanceCents: allowance.totalCents,
          // A participant who joined a closed month later (a late trajectory event) is judged as open.
          ...this.targetFacts(
            p,
            settings,
            month,
            totals.monthCounted,
            today,
            close ? judged.get(p.participantId) : null,
          ),
        };
      });
  }
}
