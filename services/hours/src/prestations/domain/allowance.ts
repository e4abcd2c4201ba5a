import type { Prestation } from './prestation';

export interface AllowanceRates {
  /** EUR 4.10 per counted hour (one wijk-werkcheque each), tax-free, since 2017. */
  centsPerCountedHour: number;
  /** EUR 0.15 per km, only when the return trip exceeds the threshold. */
  centsPerKilometre: number;
  kilometreThreshold: number;
}

export const DEFAULT_ALLOWANCE_RATES: AllowanceRates = {
  centsPerCountedHour: 410,
  centsPerKilometre: 15,
  kilometreThreshold: 10,
};

export interface MonthAllowance {
  countedHours: number;
  cheques: number;
  hoursCents: number;
  travelCents: number;
  totalCents: number;
}

/** What a participant receives for a month's prestations (deleted ones excluded). */
export function allowanceFor(prestations: Prestation[], rates: AllowanceRates): MonthAllowance {
  const live = prestations.filter((p) => !p.deleted);
  const countedHours = live.reduce((sum, p) => sum + p.countedHours, 0);
  const travelCents = live.reduce(
    (sum, p) =>
      sum +
      (p.kilometres !== null && p.kilometres > rates.kilometreThreshold
        ? Math.round(p.kilometres * rates.centsPerKilometre)
        : 0),
    0,
  );
  const hoursCents = countedHours * rates.centsPerCountedHour;
  return { countedHours, cheques: countedHours, hoursCents, travelCents, totalCents: hoursCents + travelCents };
}
