/**
 * How often, and how patiently, a consumer retries a message whose failure may pass (a database
 * that is down, a write conflict). The delays grow exponentially from `baseDelayMs` and never pass
 * `maxDelayMs`; after `maxAttempts` failed attempts the message goes to the dead-letter topic, so
 * one message can never stall its partition for ever.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included (1 = no retry). */
  maxAttempts: number;
  /** The wait after the first failed attempt. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

/** About 23 s of retries (0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 10 s) before a message is dead-lettered. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 10_000 };

/** Refuses a policy that would retry for ever or not wait at all between attempts. */
export function retryPolicy(policy: RetryPolicy): RetryPolicy {
  const { maxAttempts, baseDelayMs, maxDelayMs } = policy;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw new RangeError(`maxAttempts must be a whole number from 1 to 100, not ${maxAttempts}`);
  }
  if (!Number.isInteger(baseDelayMs) || baseDelayMs < 1) {
    throw new RangeError(`baseDelayMs must be a whole number of at least 1, not ${baseDelayMs}`);
  }
  if (!Number.isInteger(maxDelayMs) || maxDelayMs < baseDelayMs) {
    throw new RangeError(
      `maxDelayMs must be a whole number of at least baseDelayMs (${baseDelayMs}), not ${maxDelayMs}`,
    );
  }
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/**
 * The wait after failed attempt number `failedAttempt` (1-based), or null when that was the last
 * attempt the policy allows and the message must be dead-lettered.
 */
export function delayAfterFailure(policy: RetryPolicy, failedAttempt: number): number | null {
  if (failedAttempt >= policy.maxAttempts) return null;
  // 2 ** 30 is far beyond any cap; clamping the exponent keeps the number finite.
  const exponential = policy.baseDelayMs * 2 ** Math.min(failedAttempt - 1, 30);
  return Math.min(policy.maxDelayMs, exponential);
}

/** The longest a message can be retried before it is dead-lettered (the sum of the waits). */
export function totalRetryTimeMs(policy: RetryPolicy): number {
  let total = 0;
  for (let attempt = 1; ; attempt += 1) {
    const delay = delayAfterFailure(policy, attempt);
    if (delay === null) return total;
    total += delay;
  }
}
