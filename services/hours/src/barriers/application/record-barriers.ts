import { Principal, ReadScope, assertCanWriteOrganisation, canAccess, readScopeOf } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { stampForOutbox } from '@stapsteen/messaging';
import type { MonthCloseRepository } from '../../month-close/application/ports';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import type { Clock } from '../../shared/brussels-time';
import { BarrierCode, BarrierCount, BarrierRecord, countBarriers, recordBarriers } from '../domain/barriers';

export interface BarrierRepository {
  /** Replaces the participant-month's barriers and stores its event in the same write. */
  save(record: BarrierRecord, outbox: ReturnType<typeof stampForOutbox>): Promise<void>;
  /** The participant-month's barriers; null when none were recorded. */
  find(participantId: string, month: string): Promise<BarrierRecord | null>;
  /** The records within the scope whose month lies from `months.from` to `months.to`, both included. */
  list(scope: ReadScope, months: MonthRange): Promise<BarrierRecord[]>;
}

/** Months as `YYYY-MM`, both ends included. */
export interface MonthRange {
  from: string;
  to: string;
}

export const BARRIER_REPOSITORY = Symbol('BARRIER_REPOSITORY');

export class BarrierService {
  constructor(
    private readonly barriers: BarrierRepository,
    private readonly roster: ParticipantRoster,
    private readonly closes: MonthCloseRepository,
    private readonly clock: Clock,
    private readonly onStored: (recordId: string) => void = () => undefined,
  ) {}

  async record(
    principal: Principal,
    participantId: string,
    month: string,
    barriers: BarrierCode[],
    otherDescription?: string,
  ) {
    const participant = await this.roster.findById(participantId);
    if (!participant || !canAccess(principal, participant)) {
      throw new DomainError(
        'HOURS.PARTICIPANT_NOT_FOUND',
        'not-found',
        'There is no such participant in your organisations.',
      );
    }
    assertCanWriteOrganisation(principal, participant.organisationId);
    const close = await this.closes.load(participant.organisationId, month);
    const result = close?.results.find((r) => r.participantId === participantId);
    const record = recordBarriers({
      participantId,
      organisationId: participant.organisationId,
      regionId: participant.regionId,
      month,
      barriers,
      otherDescription: otherDescription ?? null,
      recordedBy: principal.userId,
      recordedAt: this.clock.now().toISOString(),
      flagged: result?.flagged ?? false,
    });
    const event = {
      type: 'hours.barriers-recorded',
      version: 1,
      participantId,
      data: {
        participantId,
        organisationId: record.organisationId,
        regionId: record.regionId,
        month,
        barriers: record.barriers,
      },
    };
    await this.barriers.save(record, stampForOutbox([event], 'hours'));
    this.onStored(`${participantId}:${month}`);
    return record;
  }

  async forParticipant(principal: Principal, participantId: string, month: string) {
    // A caller who may read nothing gets the same 404 as for any record out of scope, unread.
    const record = readScopeOf(principal) ? await this.barriers.find(participantId, month) : null;
    if (!record || !canAccess(principal, record))
      throw new DomainError('HOURS.BARRIERS_NOT_FOUND', 'not-found', 'No barriers recorded.');
    return record;
  }

  /** Which barriers keep hours low, per organisation, over a period, within the caller's scope. */
  async report(principal: Principal, fromMonth: string, toMonth: string): Promise<BarrierCount[]> {
    const scope = readScopeOf(principal);
    // Nothing to read (a manager without a region): an empty report, without asking the database.
    if (!scope) return [];
    return countBarriers(await this.barriers.list(scope, { from: fromMonth, to: toMonth }));
  }
}
