import { createHash } from 'node:crypto';

/** Nearest-rank percentile of a list of durations in ms. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Deterministic ids, so two runs of a bench work on the same data set. */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function mb(bytes: number): number {
  return round(bytes / 1024 / 1024, 0);
}
