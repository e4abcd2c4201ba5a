import { addMonths, lastDayOf, monthOf } from '@stapsteen/calendar';
import { Principal, assertCanWriteOrganisation } from '@stapsteen/auth';
import { Gate } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import { DomainFact, stampForOutbox } from '@stapsteen/messaging';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import type { ParticipantYearRepository } from '../../prestations/application/ports';
import { AllowanceRates, allowanceFor } from '../../prestations/domain/allowance';
import { activeInMonth } from '../../prestations/domain/eligibility';
import { countedInMonth, countedInYear, emptyYear } from '../../prestations/domain/participant-year';
import { Clock, brusselsDateOf } from '../../shared/brussels-time';
import { EarlierResult, judgeMonth, severityOf } from '../domain/low-hours';
import { lowHoursRuleOf, targetFor } from '../domain/targets';
import type { CloseYears, MonthClose, MonthCloseRepository, TargetSettings } from './ports';

/** About 200 KB of JSON per `hours.month-closed` event, far below the broker's 1 MB per message. */
export const MONTH_CLOSED_LINES_PER_EVENT = 2000;

/**
 * Closes whose reads (roster, settings, earlier closes, participant-years) run at once in one
 * process; the others queue. The automatic close (and the bench) closes every organisation of a
 * region together: 40 closes reading at once made every read slower (FerretDB decodes what they
 * read on the same few cores) without finishing any sooner. Issue 14; ADR 25.
 */
export const CLOSES_READING_AT_ONCE = 4;

export type Closer = { kind: 'ORGANISER'; principal: Principal } | { kind: 'AUTOMATIC' };

/**
 * Closes an organisation's month: judges every participant who had an active trajectory in it
 * (also those without any prestation), and stores the results together with the events that
 * tell flow-through and coaching — totals, low-hours flags and clearances — in one write.
 */
export class CloseMonthHandler {
  constructor(
    private readonly closes: MonthCloseRepository,
    private readonly years: ParticipantYearRepository,
    private readonly roster: ParticipantRoster,
    private readonly targets: TargetSettings,
    private readonly clock: Clock,
    private readonly rates: AllowanceRates,
    private readonly onStored: (closeId: string) => void = () => undefined,
    /** The organisation's years in one read where the store can (default: `years.loadMany` by `_id`). */
    closeYears?: CloseYears,
  ) {
    this.closeYears = closeYears ?? {
      ofParticipants: async (_organisationId, year, participantIds) => {
        const loaded = await this.years.loadMany(participantIds.map((id) => `${id}:${year}`));
        return new Map([...loaded.values()].map(({ year: y }) => [y.participantId, y]));
      },
    };
  }

  private readonly closeYears: CloseYears;
  private readonly reading = new Gate(CLOSES_READING_AT_ONCE);

  async execute(closer: Closer, organisationId: string, month: string): Promise<MonthClose> {
    if (closer.kind === 'ORGANISER') assertCanWriteOrganisation(closer.principal, organisationId);
    const now = this.clock.now();
    if (month >= monthOf(brusselsDateOf(now))) {
      throw new DomainError(
        'HOURS.MONTH_NOT_OVER',
        'rule-violation',
        `${month} is not over yet; it can be closed from the first day of the next month.`,
        { month },
      );
    }
    // The ledger says which months exist, so no lookup asks for a close that is not there.
    const closedMonths = await this.closes.closedMonths(organisationId);
    if (closedMonths.has(month)) {
      throw new DomainError(
        'HOURS.MONTH_ALREADY_CLOSED',
        'conflict',
        `${month} is already closed for this organisation.`,
        { month },
      );
    }
    const year = Number(month.slice(0, 4));
    const { settings, previous, beforePrevious, active, yearOf } = await this.reading.run(async () => {
      const [participants, settings, previous, beforePrevious] = await Promise.all([
        this.roster.list({ organisationId }),
        this.targets.forOrganisation(organisationId),
        this.loadIfClosed(closedMonths, organisationId, addMonths(month, -1)),
        this.loadIfClosed(closedMonths, organisationId, addMonths(month, -2)),
      ]);
      const active = participants.filter((p) => activeInMonth(p.trajectories, month));
      const yearOf = await this.closeYears.ofParticipants(
        organisationId,
        year,
        active.map((p) => p.participantId),
      );
      return { settings, previous, beforePrevious, active, yearOf };
    });
    const earlier = (close: MonthClose | null) =>
      new Map<string, EarlierResult>((close?.results ?? []).map((r) => [r.participantId, r]));
    const [previousResults, beforePreviousResults] = [earlier(previous), earlier(beforePrevious)];

    const rule = lowHoursRuleOf(settings);

    const facts: DomainFact[] = [];
    const results = active.map((participant) => {
      const stored = yearOf.get(participant.participantId) ?? emptyYear(participant, year);
      const startedOn =
        participant.trajectories.find((t) => t.startedOn && t.startedOn <= lastDayOf(month))?.startedOn ?? null;
      const { result, outcome } = judgeMonth(
        {
          participantId: participant.participantId,
          regionId: participant.regionId,
          countedHours: countedInMonth(stored, month),
          targetHours: targetFor(participant.monthlyHoursTarget, settings, startedOn, month),
        },
        previousResults.get(participant.participantId),
        beforePreviousResults.get(participant.participantId),
        rule,
      );
      const scope = { participantId: participant.participantId, organisationId, regionId: participant.regionId, month };
      facts.push({
        type: 'hours.participant-month-closed',
        version: 1,
        participantId: participant.participantId,
        data: {
          ...scope,
          countedHours: result.countedHours,
          targetHours: result.targetHours,
          yearCountedHours: countedInYear(stored),
          allowanceCents: allowanceFor(
            stored.prestations.filter((p) => monthOf(p.date) === month),
            this.rates,
          ).totalCents,
        },
      });
      if (outcome === 'FLAGGED') {
        facts.push({
          type: 'participant.low-hours-flagged',
          version: 1,
          participantId: participant.participantId,
          data: {
            ...scope,
            countedHours: result.countedHours,
            targetHours: result.targetHours,
            consecutiveMonthsBelow: Math.max(1, result.consecutiveMonthsBelow),
            fallingTrend: result.fallingTrend,
            severity: severityOf(result, rule),
          },
        });
      } else if (outcome === 'CLEARED') {
        facts.push({
          type: 'participant.low-hours-cleared',
          version: 1,
          participantId: participant.participantId,
          data: { ...scope, countedHours: result.countedHours, targetHours: result.targetHours },
        });
      }
      return result;
    });

    const close: MonthClose = {
      organisationId,
      month,
      closedAt: now.toISOString(),
      closedBy: closer.kind,
      closedByUser: closer.kind === 'ORGANISER' ? closer.principal.userId : null,
      flagAfterMonthsBelow: rule.flagAfterMonthsBelow,
      results,
    };
    const regionId =
      active[0]?.regionId ?? (closer.kind === 'ORGANISER' ? closer.principal.regionId : null) ?? 'unknown';
    // The organisation's lines in events of at most MONTH_CLOSED_LINES_PER_EVENT participants:
    // 15,000 lines are about 1.5 MB, and the broker refuses a message over 1 MB. Consumers merge
    // the lines of a month (each replaces the participant's), so the parts add up to the whole.
    for (let from = 0; from === 0 || from < results.length; from += MONTH_CLOSED_LINES_PER_EVENT) {
      facts.push({
        type: 'hours.month-closed',
        version: 1,
        // An organisation-wide event: keyed by the organisation (see the contract).
        participantId: organisationId,
        data: {
          organisationId,
          regionId,
          month,
          closedAt: close.closedAt,
          closedBy: close.closedBy,
          participants: results.slice(from, from + MONTH_CLOSED_LINES_PER_EVENT).map((r) => ({
            participantId: r.participantId,
            countedHours: r.countedHours,
            targetHours: r.targetHours,
            belowTarget: r.belowTarget,
          })),
        },
      });
    }
    if (!(await this.closes.insert(close, stampForOutbox(facts, 'hours')))) {
      throw new DomainError(
        'HOURS.MONTH_ALREADY_CLOSED',
        'conflict',
        `${month} is already closed for this organisation.`,
        { month },
      );
    }
    this.onStored(`${organisationId}:${month}`);
    return close;
  }

  private async loadIfClosed(closedMonths: ReadonlySet<string>, organisationId: string, month: string) {
    return closedMonths.has(month) ? this.closes.load(organisationId, month) : null;
  }
}
