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
  /** At risk: see `judgeMonth`. */
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
 * When low hours mean "at risk", set per organisation: after how many closed months in a row below
 * target a participant is flagged.
 */
export interface LowHoursRule {
  flagAfterMonthsBelow: number;
}

export const DEFAULT_FLAG_AFTER_MONTHS_BELOW = 2;
export const MIN_FLAG_AFTER_MONTHS_BELOW = 1;
export const MAX_FLAG_AFTER_MONTHS_BELOW = 6;
export const DEFAULT_LOW_HOURS_RULE: LowHoursRule = { flagAfterMonthsBelow: DEFAULT_FLAG_AFTER_MONTHS_BELOW };

/**
 * Low hours block the way to a job (Ensure: 11.2–25.5 h a month against 60 allowed), so every
 * participant active in the month is judged, including those with no prestation at all. One month
 * below target is not a signal (a holiday, an illness, a start halfway the month): a participant is
 * flagged "at risk" when
 *  - the month is the N-th closed month in a row below their target (N = `flagAfterMonthsBelow`), or
 *  - three closed months each had fewer hours than the one before (a falling trend) and this one
 *    ended below target, or
 *  - they were flagged the month before and are still below target (a flag stays until cleared).
 * The flag clears in the first closed month at or above target.
 */
export function judgeMonth(
  input: ParticipantMonthInput,
  previous: EarlierResult | undefined,
  beforePrevious: EarlierResult | undefined,
  rule: LowHoursRule = DEFAULT_LOW_HOURS_RULE,
): { result: ParticipantMonthResult; outcome: LowHoursOutcome } {
  const belowTarget = input.countedHours < input.targetHours;
  const consecutiveMonthsBelow = belowTarget ? (previous?.belowTarget ? previous.consecutiveMonthsBelow : 0) + 1 : 0;
  const fallingTrend =
    previous !== undefined &&
    beforePrevious !== undefined &&
    beforePrevious.countedHours > previous.countedHours &&
    previous.countedHours > input.countedHours;
  const flagged =
    belowTarget && (consecutiveMonthsBelow >= rule.flagAfterMonthsBelow || fallingTrend || previous?.flagged === true);
  const outcome: LowHoursOutcome = flagged ? 'FLAGGED' : previous?.flagged ? 'CLEARED' : 'UNCHANGED';
  return { result: { ...input, belowTarget, consecutiveMonthsBelow, fallingTrend, flagged }, outcome };
}

/**
 * MEDIUM when the flag is raised; HIGH once it has lasted a month longer than the rule asks (N + 1
 * months in a row below target), or when both reasons hold at once (N months below and falling).
 */
export function severityOf(
  result: ParticipantMonthResult,
  rule: LowHoursRule = DEFAULT_LOW_HOURS_RULE,
): 'MEDIUM' | 'HIGH' {
  const n = rule.flagAfterMonthsBelow;
  const high = result.consecutiveMonthsBelow >= n + 1 || (result.consecutiveMonthsBelow >= n && result.fallingTrend);
  return high ? 'HIGH' : 'MEDIUM';
}
