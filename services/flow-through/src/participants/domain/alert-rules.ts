import { DomainError } from '@stapsteen/errors';
import type { DueAlertPolicy } from './due-alerts';

/** The two time-based alert windows an organisation may set for itself. */
export interface AlertRules {
  /** TRAJECTORY_ENDING_NO_PLAN opens this many days before the planned end without a target destination. */
  endingWithinDays: number;
  /** EVALUATION_DUE opens this many days before the evaluation is due. */
  evaluationWithinDays: number;
}

/** Shorter nags too late to act, longer floods the managers' lists. */
export const ALERT_RULE_BOUNDS: Record<keyof AlertRules, { minDays: number; maxDays: number }> = {
  endingWithinDays: { minDays: 7, maxDays: 180 },
  evaluationWithinDays: { minDays: 1, maxDays: 90 },
};

export const ALERT_RULE_NAMES = ['endingWithinDays', 'evaluationWithinDays'] as const;

/** Refuses rules outside the bounds, naming every one that is, so nothing wrong is ever stored. */
export function checkAlertRules(rules: AlertRules): AlertRules {
  const outOfRange = ALERT_RULE_NAMES.filter((name) => {
    const days = rules[name];
    const { minDays, maxDays } = ALERT_RULE_BOUNDS[name];
    return !Number.isInteger(days) || days < minDays || days > maxDays;
  });
  if (outOfRange.length > 0) {
    throw new DomainError(
      'ALERT_RULES.OUT_OF_RANGE',
      'validation',
      `Alert windows are whole days (endingWithinDays 7–180, evaluationWithinDays 1–90): ${outOfRange.join(', ')} is not.`,
      { outOfRange, bounds: ALERT_RULE_BOUNDS },
    );
  }
  return { endingWithinDays: rules.endingWithinDays, evaluationWithinDays: rules.evaluationWithinDays };
}

/** The service-wide policy with the organisation's windows in place of the default ones. */
export function policyWithRules(base: DueAlertPolicy, rules: AlertRules): DueAlertPolicy {
  return { ...base, endingWithinDays: rules.endingWithinDays, evaluationWithinDays: rules.evaluationWithinDays };
}
