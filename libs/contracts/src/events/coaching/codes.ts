/** Shared by several coaching events; each event file keeps the codes only it uses. */

/** Group training for shared skills, one-on-one for personal barriers, peers for motivation. */
export const COACHING_MODALITIES = ['GROUP', 'ONE_ON_ONE', 'PEER'] as const;
export type CoachingModality = (typeof COACHING_MODALITIES)[number];

export const COACHING_GAP_REASONS = [
  'LOW_HOURS_NO_COACHING',
  'COMPETENCY_UNADDRESSED',
  'NO_BASELINE',
  'STALLED_ASSIGNMENT',
] as const;
export type CoachingGapReason = (typeof COACHING_GAP_REASONS)[number];

/** A catalogue holds about 13 competencies; the bound only stops runaway lists. */
export const MAX_COMPETENCIES = 50;
