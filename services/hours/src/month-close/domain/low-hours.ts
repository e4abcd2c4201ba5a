/** Per participant, what a month close found. */
export interface ParticipantMonthResult {
  participantId: string;
  regionId: string;
  countedHours: number;
  targetHours: number;
  belowTarget: boolean;
  /** How many closed months in a row, this one included, ended below target. */
  consecutiveMonthsBelow: number;
  /** Three closed months each lower than the one before. */
  fallingTrend: boolean;
  flagged: boolean;
}

export interface ParticipantMonthInput {
  participantId: string;
  regionId: string;
  countedHours: number;
  targetHours: number;
}

export interface EarlierResult {
  countedHours: number;
  belowTarget: boolean;
  consecutiveMonthsBelow: number;
  flagged: boolean;
}

export type LowHoursOutcome = 'FLAGGED' | 'CLEARED' | 'UNCHANGED';

/**
 * Low hours block the way to a job (Ensure: 11.2–25.5 h a month against 60 allowed), so every
 * participant active in the month is judged, including those with no prestation at all.
 */
export function judgeMonth(
  input: ParticipantMonthInput,
  previous: EarlierResult | undefined,
  beforePrevious: EarlierResult | undefined,
): { result: ParticipantMonthResult; outcome: LowHoursOutcome } {
  const belowTarget = input.countedHours < input.targetHours;
  const consecutiveMonthsBelow = belowTarget ? (previous?.belowTarget ? previous.consecutiveMonthsBelow : 0) + 1 : 0;
  const fallingTrend =
    previous !== undefined &&
    beforePrevious !== undefined &&
    beforePrevious.countedHours > previous.countedHours &&
    previous.countedHours > input.countedHours;
  const flagged = belowTarget || fallingTrend;
  const outcome: LowHoursOutcome = flagged ? 'FLAGGED' : previous?.flagged ? 'CLEARED' : 'UNCHANGED';
  return { result: { ...input, belowTarget, consecutiveMonthsBelow, fallingTrend, flagged }, outcome };
}

/** Two months in a row below target is serious enough for a high-severity alert. */
export function severityOf(result: ParticipantMonthResult): 'MEDIUM' | 'HIGH' {
  return result.consecutiveMonthsBelow >= 2 ? 'HIGH' : 'MEDIUM';
}

export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
