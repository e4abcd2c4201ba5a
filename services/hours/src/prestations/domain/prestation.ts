import { DomainError } from '@stapsteen/errors';

export const GEBRUIKER_KINDS = ['PRIVATE_PERSON', 'SCHOOL', 'LOCAL_GOVERNMENT', 'NON_PROFIT', 'AGRICULTURE'] as const;
export type GebruikerKind = (typeof GEBRUIKER_KINDS)[number];

export interface Gebruiker {
  kind: GebruikerKind;
  /** A name or reference the organiser recognises, e.g. the gebruikersovereenkomst number. */
  reference: string;
}

export interface PrestationChange {
  at: string;
  by: string;
  reason: string;
  late: boolean;
  before: PrestationFacts | null;
  after: PrestationFacts | null;
}

/** What a prestation says happened; a correction replaces these and keeps the old ones in history. */
export interface PrestationFacts {
  date: string;
  minutes: number;
  gebruiker: Gebruiker;
  activity: string;
  kilometres: number | null;
}

export interface Prestation extends PrestationFacts {
  id: string;
  countedHours: number;
  enteredBy: string;
  enteredAt: string;
  late: boolean;
  deleted: boolean;
  history: PrestationChange[];
}

export const MAX_MINUTES_PER_PRESTATION = 12 * 60;

/**
 * One wijk-werkcheque per *started* hour: 2h15 counts 3, a single minute counts 1. The caps are
 * on these counted hours, not on the minutes worked.
 */
export function countedHoursOf(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES_PER_PRESTATION) {
    throw new DomainError(
      'HOURS.DURATION_INVALID',
      'validation',
      `A prestation lasts from 1 minute to ${MAX_MINUTES_PER_PRESTATION / 60} hours.`,
      {
        minutes,
        maximumMinutes: MAX_MINUTES_PER_PRESTATION,
      },
    );
  }
  return Math.ceil(minutes / 60);
}
