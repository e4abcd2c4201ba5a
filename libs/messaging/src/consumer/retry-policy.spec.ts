import { DEFAULT_RETRY_POLICY, delayAfterFailure, retryPolicy, totalRetryTimeMs } from './retry-policy';

describe('the retry policy of a consumer', () => {
  const policy = retryPolicy({ maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 });

  it('doubles the wait after each failed attempt, starting at the base delay', () => {
    expect([1, 2, 3, 4].map((attempt) => delayAfterFailure(policy, attempt))).toEqual([100, 200, 400, 800]);
  });

  it('never waits longer than the cap', () => {
    expect(delayAfterFailure(policy, 5)).toBe(1000);
    const long = retryPolicy({ maxAttempts: 100, baseDelayMs: 100, maxDelayMs: 1000 });
    expect(delayAfterFailure(long, 99)).toBe(1000);
  });

  it('gives up after the last attempt, so a message is dead-lettered instead of retried for ever', () => {
    expect(delayAfterFailure(policy, 6)).toBeNull();
    expect(delayAfterFailure(retryPolicy({ maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }), 1)).toBeNull();
  });

  it('bounds the whole retry time: the sum of the waits', () => {
    expect(totalRetryTimeMs(policy)).toBe(100 + 200 + 400 + 800 + 1000);
    expect(totalRetryTimeMs(DEFAULT_RETRY_POLICY)).toBe(200 + 400 + 800 + 1600 + 3200 + 6400 + 10_000);
  });

  it.each([
    [{ maxAttempts: 0, baseDelayMs: 100, maxDelayMs: 1000 }, /maxAttempts/],
    [{ maxAttempts: Infinity, baseDelayMs: 100, maxDelayMs: 1000 }, /maxAttempts/],
    [{ maxAttempts: 2.5, baseDelayMs: 100, maxDelayMs: 1000 }, /maxAttempts/],
    [{ maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 1000 }, /baseDelayMs/],
    [{ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 50 }, /maxDelayMs/],
  ])('refuses a policy that would retry without end or without waiting: %j', (candidate, message) => {
    expect(() => retryPolicy(candidate)).toThrow(message);
  });
});
