import { Principal, canAccess, canReadOrganisation } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import { activeInMonth } from '../domain/eligibility';
import { AllowanceRates, MonthAllowance, allowanceFor } from '../domain/allowance';
import { CapPolicy, ParticipantYear, emptyYear, totalsFor } from '../domain/participant-year';
import { Prestation, monthOf } from '../domain/prestation';
import type { ParticipantYearRepository } from './ports';

export interface MonthSummary extends MonthAllowance {
  month: string;
  monthRemaining: number;
  prestations: Prestation[];
}

export interface GridRow {
  participantId: string;
  displayName: string;
  countedHours: number;
  monthRemaining: number;
  yearCounted: number;
  yearRemaining: number;
  allowanceCents: number;
  targetHours: number;
}

/** Without a target of their own or from the organisation, a participant aims for 20 hours. */
export const DEFAULT_MONTHLY_TARGET = 20;

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

export class HoursQueries {
  constructor(
    private readonly years: ParticipantYearRepository,
    private readonly roster: ParticipantRoster,
    private readonly policy: CapPolicy,
    private readonly rates: AllowanceRates,
  ) {}

  async participantYear(principal: Principal, participantId: string, year: number) {
    const participant = await this.roster.findById(participantId);
    if (!participant || !canAccess(principal, participant)) {
      throw new DomainError(
        'HOURS.PARTICIPANT_NOT_FOUND',
        'not-found',
        'There is no such participant in your organisations.',
      );
    }
    const stored = (await this.years.load(participantId, year))?.year ?? emptyYear(participant, year);
    const months: MonthSummary[] = MONTHS.map((m) => `${year}-${m}`).map((month) => {
      const prestations = stored.prestations.filter((p) => monthOf(p.date) === month);
      return {
        month,
        ...allowanceFor(prestations, this.rates),
        monthRemaining: totalsFor(stored, month, this.policy).monthRemaining,
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
    const everyone = await this.roster.list({ organisationId });
    if (
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
    const loaded = await this.years.loadMany(participants.map((p) => `${p.participantId}:${year}`));
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
          targetHours: p.monthlyHoursTarget ?? DEFAULT_MONTHLY_TARGET,
        };
      });
  }
}
