/** One participant's line in the organisation's month (the hours API's month view). */
export interface GridRow {
  participantId: string;
  displayName: string;
  countedHours: number;
  monthRemaining: number;
  yearCounted: number;
  yearRemaining: number;
  allowanceCents: number;
  targetHours: number;
  /**
   * Against the target (the hours API's `TargetFacts`): a closed month as its close judged it, a
   * month that is over against the whole target, the running month in proportion to the days gone.
   */
  standing: { status: TargetStatus; expectedHours: number };
  /** Whether the month's close flagged the participant at risk; null while the month is open. */
  flagged: boolean | null;
}

export type TargetStatus =
  'ON_TARGET' | 'BELOW_TARGET' | 'ON_SCHEDULE' | 'BEHIND_SCHEDULE' | 'NOT_STARTED' | 'NOT_ACTIVE';
