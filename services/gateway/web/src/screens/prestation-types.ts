/** The hours service's answer for one participant's year, as the organiser's screens read it. */
export interface PrestationFacts {
  date: string;
  minutes: number;
  gebruiker: { kind: string; reference: string };
  activity: string;
  kilometres: number | null;
}

export interface PrestationView extends PrestationFacts {
  id: string;
  countedHours: number;
  late: boolean;
  deleted: boolean;
  history: Array<{ at: string; reason: string; late: boolean }>;
}

export interface MonthSummary {
  month: string;
  countedHours: number;
  monthRemaining: number;
  totalCents: number;
  prestations: PrestationView[];
  /** The month's target; `standing` and `flagged` as in the month grid (a closed month as judged). */
  targetHours: number;
  standing: {
    status: 'ON_TARGET' | 'BELOW_TARGET' | 'ON_SCHEDULE' | 'BEHIND_SCHEDULE' | 'NOT_STARTED' | 'NOT_ACTIVE';
    expectedHours: number;
  };
  flagged: boolean | null;
}

export interface ParticipantYearView {
  participantId: string;
  displayName: string;
  year: number;
  yearCounted: number;
  yearRemaining: number;
  months: MonthSummary[];
}
