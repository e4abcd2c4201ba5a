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

/**
 * The client an address stands for, as the per-address rules count it. An IPv6 client is counted
 * by its /64: a home or office line is given at least one and its hosts pick addresses in it at
 * will, so counting single addresses would let one client make 2^64 × 20 guesses. An IPv4 address
 * written as IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket reports it) is that IPv4 address.
 */
export function clientAddressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const groups = ipv6Groups(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : ip;
}

/** The eight groups of an IPv6 address (zone id dropped, an IPv4 tail as two groups), or null. */
function ipv6Groups(ip: string): string[] | null {
  let address = ip.split('%')[0];
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    address = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.map((group) => parseInt(group, 16).toString(16));
}
