export const ALERT_KINDS = [
  'LOW_HOURS',
  'COACHING_GAP',
  'TRAJECTORY_ENDING_NO_PLAN',
  'EVALUATION_DUE',
  'FOLLOW_UP_DUE',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
