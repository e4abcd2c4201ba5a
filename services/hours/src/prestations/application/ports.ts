import type { ParticipantYear } from '../domain/participant-year';

export interface ParticipantYearRepository {
  load(participantId: string, year: number): Promise<{ year: ParticipantYear; version: number } | null>;
  /** Creates the year's document; false when another request created it first. */
  insert(year: ParticipantYear): Promise<boolean>;
  /** Writes the year only if nobody changed it since `expectedVersion`; false otherwise. */
  update(year: ParticipantYear, expectedVersion: number): Promise<boolean>;
  /** Which participant-year holds a prestation. */
  locate(prestationId: string): Promise<{ participantId: string; year: number } | null>;
  listForOrganisation(organisationId: string, year: number): Promise<ParticipantYear[]>;
}

export interface MonthCloseLedger {
  isClosed(organisationId: string, month: string): Promise<boolean>;
}

export const PARTICIPANT_YEAR_REPOSITORY = Symbol('PARTICIPANT_YEAR_REPOSITORY');
export const MONTH_CLOSE_LEDGER = Symbol('MONTH_CLOSE_LEDGER');
