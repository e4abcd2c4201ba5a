import type { OutboxEntry } from '@stapsteen/messaging';
import type { ParticipantYear } from '../../prestations/domain/participant-year';
import type { ParticipantMonthResult } from '../domain/low-hours';
import type { OrganisationTargets } from '../domain/targets';

export interface MonthClose {
  organisationId: string;
  month: string;
  closedAt: string;
  closedBy: 'ORGANISER' | 'AUTOMATIC';
  closedByUser: string | null;
  /** The organisation's low-hours rule the results were judged by (absent in closes made before it existed). */
  flagAfterMonthsBelow?: number;
  results: ParticipantMonthResult[];
}

export interface MonthCloseRepository {
  /** Stores the close and its events in one document; false when the month was closed already. */
  insert(close: MonthClose, outbox: OutboxEntry[]): Promise<boolean>;
  /** The close of a month; null without a database lookup when the ledger does not list it. */
  load(organisationId: string, month: string): Promise<MonthClose | null>;
  /** The months an organisation has closed, from its one ledger document. */
  closedMonths(organisationId: string): Promise<ReadonlySet<string>>;
}

export interface TargetSettings {
  /** The organisation's ramp and low-hours rule; null when it never saved any. */
  forOrganisation(organisationId: string): Promise<OrganisationTargets | null>;
  /** Replaces the organisation's settings whole (a rule left out is gone); the last save wins. */
  save(organisationId: string, targets: OrganisationTargets): Promise<void>;
}

/** The participant-years a close judges. */
export interface CloseYears {
  /** The stored years of these participants of the organisation, keyed by participant id (absent: none stored). */
  ofParticipants(
    organisationId: string,
    year: number,
    participantIds: readonly string[],
  ): Promise<Map<string, ParticipantYear>>;
}

export const CLOSE_YEARS = Symbol('CLOSE_YEARS');
export const MONTH_CLOSE_REPOSITORY = Symbol('MONTH_CLOSE_REPOSITORY');
export const TARGET_SETTINGS = Symbol('TARGET_SETTINGS');
