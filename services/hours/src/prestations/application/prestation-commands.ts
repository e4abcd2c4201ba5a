import { monthOf, yearOf } from '@stapsteen/calendar';
import { Principal, assertCanWriteOrganisation, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { aggregateKey, readDecideWrite } from '@stapsteen/concurrency';
import { randomUUID } from 'node:crypto';
import type { ParticipantRoster, RosterEntry } from '../../participants/application/participant-roster';
import { Clock, brusselsDateOf } from '../../shared/brussels-time';
import {
  Authoring,
  CapPolicy,
  ParticipantYear,
  Totals,
  correctPrestation,
  deletePrestation,
  emptyYear,
  recordPrestation,
  totalsFor,
} from '../domain/participant-year';
import { Prestation, PrestationFacts } from '../domain/prestation';
import type { MonthCloseLedger, ParticipantYearRepository } from './ports';

export interface PrestationInput extends Omit<PrestationFacts, 'date' | 'kilometres'> {
  kilometres?: number | null;
  participantId: string;
  /** The Belgian calendar date, or… */
  date?: string;
  /** …the moment it started, from which the Belgian date follows. */
  startsAt?: string;
  reason?: string;
}

/** Prestations are addressed through their participant and year: one document holds them. */
export interface PrestationAddress {
  participantId: string;
  year: number;
  prestationId: string;
}

export interface PrestationOutcome {
  prestation: Prestation;
  totals: Totals;
}

/**
 * Many organisers may enter hours for the same participant at once, through several replicas.
 * Within this process the writes for one participant-year are serialised; across processes each
 * attempt re-reads the year, lets the domain decide and writes only if it gets the version step
 * (`readDecideWrite`, ADR 18), and a loser retries against the new totals. No interleaving pushes
 * a total over a cap.
 */

/** The collection name is part of the lock key shared with the outbox relay. */
export const PARTICIPANT_YEARS_COLLECTION = 'participant_years';

export class PrestationCommands {
  constructor(
    private readonly years: ParticipantYearRepository,
    private readonly roster: ParticipantRoster,
    private readonly closes: MonthCloseLedger,
    private readonly clock: Clock,
    private readonly policy: CapPolicy,
    private readonly serialize: <T>(key: string, work: () => Promise<T>) => Promise<T> = (_key, work) => work(),
  ) {}

  async record(principal: Principal, input: PrestationInput): Promise<PrestationOutcome> {
    const participant = await this.writableParticipant(principal, input.participantId);
    const facts = this.factsOf(input);
    const id = randomUUID();
    const authoring = await this.authoring(principal, participant, input.reason);
    return this.change(participant, yearOf(facts.date), (year) =>
      recordPrestation(year, id, facts, authoring, participant.trajectories, this.policy),
    );
  }

  async correct(
    principal: Principal,
    where: PrestationAddress,
    input: Omit<PrestationInput, 'participantId'>,
  ): Promise<PrestationOutcome> {
    const { participant, year, prestationId } = await this.writable(principal, where);
    const facts = this.factsOf(input);
    if (yearOf(facts.date) !== year) {
      throw new DomainError(
        'HOURS.CORRECTION_CROSSES_YEAR',
        'rule-violation',
        'Move a prestation to another year by deleting it and entering it again.',
      );
    }
    // The domain checks both the month the prestation leaves and the month it enters.
    const authoring = await this.authoring(principal, participant, input.reason);
    return this.change(participant, year, (current) =>
      correctPrestation(current, prestationId, facts, authoring, participant.trajectories, this.policy),
    );
  }

  async delete(principal: Principal, where: PrestationAddress, reason: string): Promise<PrestationOutcome> {
    const { participant, year, prestationId } = await this.writable(principal, where);
    const authoring = await this.authoring(principal, participant, reason);
    return this.change(participant, year, (current) => deletePrestation(current, prestationId, authoring));
  }

  async history(principal: Principal, where: PrestationAddress): Promise<Prestation> {
    const participant = await this.roster.findById(where.participantId);
    if (!participant || !canAccess(principal, participant)) throw notFound();
    const stored = await this.years.load(where.participantId, where.year);
    const prestation = stored?.year.prestations.find((p) => p.id === where.prestationId);
    if (!prestation) throw notFound();
    return prestation;
  }

  private async change(
    participant: RosterEntry,
    year: number,
    decide: (current: ParticipantYear) => { year: ParticipantYear; prestation: Prestation },
  ): Promise<PrestationOutcome> {
    return readDecideWrite({
      key: aggregateKey(PARTICIPANT_YEARS_COLLECTION, `${participant.participantId}:${year}`),
      serialize: this.serialize,
      load: async () => {
        const loaded = await this.years.load(participant.participantId, year);
        return loaded && { value: loaded.year, version: loaded.version };
      },
      decide: (loaded) => {
        const { year: next, prestation } = decide(loaded?.value ?? emptyYear(participant, year));
        return { next, result: { prestation, totals: totalsFor(next, monthOf(prestation.date), this.policy) } };
      },
      insert: (next) => this.years.insert(next),
      update: (next, expectedVersion) => this.years.update(next, expectedVersion),
      busy: () =>
        new DomainError('HOURS.BUSY', 'conflict', 'Too many simultaneous changes for this participant; try again.'),
    });
  }

  private async writableParticipant(principal: Principal, participantId: string): Promise<RosterEntry> {
    const participant = await this.roster.findById(participantId);
    if (!participant || !canAccess(principal, participant)) {
      throw new DomainError(
        'HOURS.PARTICIPANT_NOT_FOUND',
        'not-found',
        'There is no such participant in your organisations.',
      );
    }
    assertCanWriteOrganisation(principal, participant.organisationId);
    return participant;
  }

  private async writable(principal: Principal, where: PrestationAddress) {
    const participant = await this.roster.findById(where.participantId);
    if (!participant || !canAccess(principal, participant)) throw notFound();
    assertCanWriteOrganisation(principal, participant.organisationId);
    return { participant, year: where.year, prestationId: where.prestationId };
  }

  private factsOf(input: Omit<PrestationInput, 'participantId'>): PrestationFacts {
    const date = input.date ?? (input.startsAt ? brusselsDateOf(new Date(input.startsAt)) : undefined);
    if (!date)
      throw new DomainError(
        'HOURS.DATE_MISSING',
        'validation',
        'Give the date of the prestation, or the moment it started.',
      );
    if (input.date && input.startsAt && brusselsDateOf(new Date(input.startsAt)) !== input.date) {
      throw new DomainError(
        'HOURS.DATE_MISMATCH',
        'validation',
        'The date and the start moment fall on different days in Brussels.',
      );
    }
    return {
      date,
      minutes: input.minutes,
      gebruiker: input.gebruiker,
      activity: input.activity,
      kilometres: input.kilometres ?? null,
    };
  }

  private async authoring(principal: Principal, participant: RosterEntry, reason?: string): Promise<Authoring> {
    const now = this.clock.now();
    return {
      by: principal.userId,
      at: now.toISOString(),
      today: brusselsDateOf(now),
      closedMonths: await this.closes.closedMonths(participant.organisationId),
      reason,
    };
  }
}

function notFound(): DomainError {
  return new DomainError(
    'HOURS.PRESTATION_NOT_FOUND',
    'not-found',
    'There is no such prestation in your organisations.',
  );
}
