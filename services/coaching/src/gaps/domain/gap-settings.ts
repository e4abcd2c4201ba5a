import { DomainError } from '@stapsteen/errors';
import type { GapPolicy } from './gap-rules';

/** An organisation may move each window within these bounds: shorter nags, longer forgets. */
export const GAP_WINDOW_MIN_DAYS = 7;
export const GAP_WINDOW_MAX_DAYS = 180;

export const GAP_WINDOW_NAMES = ['baselineDueDays', 'unaddressedDays', 'stalledDays'] as const;

/** Refuses windows outside the bounds, naming every one that is, so nothing wrong is ever stored. */
export function checkGapWindows(windows: GapPolicy): GapPolicy {
  const outOfRange = GAP_WINDOW_NAMES.filter((name) => {
    const days = windows[name];
    return !Number.isInteger(days) || days < GAP_WINDOW_MIN_DAYS || days > GAP_WINDOW_MAX_DAYS;
  });
  if (outOfRange.length > 0) {
    throw new DomainError(
      'COACHING.GAP_WINDOW_OUT_OF_RANGE',
      'validation',
      `Gap windows are whole days from ${GAP_WINDOW_MIN_DAYS} to ${GAP_WINDOW_MAX_DAYS}: ${outOfRange.join(', ')} is not.`,
      { outOfRange, minDays: GAP_WINDOW_MIN_DAYS, maxDays: GAP_WINDOW_MAX_DAYS },
    );
  }
  return {
    baselineDueDays: windows.baselineDueDays,
    unaddressedDays: windows.unaddressedDays,
    stalledDays: windows.stalledDays,
  };
}
