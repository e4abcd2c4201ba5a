/** 5 failed sign-ins per 15 minutes per email; the sixth is refused. */
export interface ThrottleRule {
  maxAttempts: number;
  windowMs: number;
}

export const SIGN_IN_RULE: ThrottleRule = { maxAttempts: 5, windowMs: 15 * 60 * 1000 };

/**
 * Per IP address the bar is higher: a school or office behind one NAT address must not be locked
 * out by one colleague's typos, while a password-spraying client still stops after 20 failures.
 */
export const SIGN_IN_IP_RULE: ThrottleRule = { maxAttempts: 20, windowMs: 15 * 60 * 1000 };

/** A fixed window of counted attempts, as stored (one document per key). */
export interface ThrottleWindow {
  windowStart: number;
  count: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether a window has run out, so the next attempt starts a new one. */
export function isExpired(window: ThrottleWindow, now: number, rule: ThrottleRule = SIGN_IN_RULE): boolean {
  return now - window.windowStart >= rule.windowMs;
}

/**
 * Decides on an attempt that has already been counted (count includes it). Counting before
 * checking the password is what makes parallel requests safe: each one increments atomically,
 * so the sixth in flight sees 6 whatever the order they finish in.
 */
export function decide(window: ThrottleWindow, now: number, rule: ThrottleRule = SIGN_IN_RULE): ThrottleDecision {
  if (isExpired(window, now, rule) || window.count <= rule.maxAttempts) return { allowed: true };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((window.windowStart + rule.windowMs - now) / 1000)),
  };
}
