import { DEFAULT_DUE_ALERT_POLICY } from './due-alerts';
import { checkAlertRules, policyWithRules } from './alert-rules';

describe('alert rules of an organisation', () => {
  it('accepts whole days within the bounds, the bounds included', () => {
    expect(checkAlertRules({ endingWithinDays: 7, evaluationWithinDays: 1 })).toEqual({
      endingWithinDays: 7,
      evaluationWithinDays: 1,
    });
    expect(checkAlertRules({ endingWithinDays: 180, evaluationWithinDays: 90 })).toEqual({
      endingWithinDays: 180,
      evaluationWithinDays: 90,
    });
  });

  it.each([
    [{ endingWithinDays: 6, evaluationWithinDays: 14 }, ['endingWithinDays']],
    [{ endingWithinDays: 181, evaluationWithinDays: 14 }, ['endingWithinDays']],
    [{ endingWithinDays: 60, evaluationWithinDays: 0 }, ['evaluationWithinDays']],
    [{ endingWithinDays: 60, evaluationWithinDays: 91 }, ['evaluationWithinDays']],
    [{ endingWithinDays: 30.5, evaluationWithinDays: 120 }, ['endingWithinDays', 'evaluationWithinDays']],
  ])('refuses %j, naming %j', (rules, outOfRange) => {
    expect(() => checkAlertRules(rules)).toThrow(
      expect.objectContaining({
        code: 'ALERT_RULES.OUT_OF_RANGE',
        kind: 'validation',
        facts: expect.objectContaining({ outOfRange }),
      }),
    );
  });

  it('replaces only the two windows of the service-wide policy', () => {
    expect(policyWithRules(DEFAULT_DUE_ALERT_POLICY, { endingWithinDays: 30, evaluationWithinDays: 7 })).toEqual({
      ...DEFAULT_DUE_ALERT_POLICY,
      endingWithinDays: 30,
      evaluationWithinDays: 7,
    });
  });
});
