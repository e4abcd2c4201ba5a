import type { PrestationFacts, PrestationView } from './prestation-types';

/** Above this many minutes on one line, the form asks "is that right?" before saving (a 9:00 meant as 0:90). */
export const CONFIRM_ABOVE_MINUTES = 8 * 60;

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function shiftDate(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday to Sunday of the week `date` falls in (Belgian weeks start on Monday). */
export function weekOf(date: string): string[] {
  const monday = shiftDate(date, -((utc(date).getUTCDay() + 6) % 7));
  return [0, 1, 2, 3, 4, 5, 6].map((d) => shiftDate(monday, d));
}

export interface EntrySuggestions {
  /** Gebruiker references by kind, most used first. */
  references: Record<string, string[]>;
  /** Activities, most used first. */
  activities: string[];
}

function mostUsedFirst(values: Array<{ value: string; date: string }>): string[] {
  const tally = new Map<string, { count: number; last: string; shown: string }>();
  for (const { value, date } of values) {
    const key = value.trim().toLocaleLowerCase('nl');
    if (!key) continue;
    const seen = tally.get(key) ?? { count: 0, last: '', shown: value.trim() };
    seen.count += 1;
    if (date >= seen.last) seen.last = date;
    tally.set(key, seen);
  }
  return [...tally.values()]
    .sort((a, b) => b.count - a.count || b.last.localeCompare(a.last) || a.shown.localeCompare(b.shown, 'nl'))
    .map((t) => t.shown);
}

/** What the participant's earlier prestations suggest for the next one, so a name is typed once. */
export function suggestionsFrom(prestations: PrestationView[]): EntrySuggestions {
  const kept = prestations.filter((p) => !p.deleted);
  const byKind = new Map<string, Array<{ value: string; date: string }>>();
  for (const p of kept) {
    const list = byKind.get(p.gebruiker.kind) ?? [];
    list.push({ value: p.gebruiker.reference, date: p.date });
    byKind.set(p.gebruiker.kind, list);
  }
  return {
    references: Object.fromEntries([...byKind].map(([kind, list]) => [kind, mostUsedFirst(list)])),
    activities: mostUsedFirst(kept.map((p) => ({ value: p.activity, date: p.date }))),
  };
}

/**
 * Last week's prestations copied one week on, for the week `date` falls in: only days that are not
 * in the future, in date order. The services still check every cap and rule on each copy.
 */
export function lastWeekCopies(prestations: PrestationView[], date: string, today: string): PrestationFacts[] {
  const lastWeek = new Set(weekOf(shiftDate(date, -7)));
  return prestations
    .filter((p) => !p.deleted && lastWeek.has(p.date))
    .map((p) => ({
      date: shiftDate(p.date, 7),
      minutes: p.minutes,
      gebruiker: { kind: p.gebruiker.kind, reference: p.gebruiker.reference },
      activity: p.activity,
      kilometres: p.kilometres,
    }))
    .filter((copy) => copy.date <= today)
    .sort((a, b) => a.date.localeCompare(b.date));
}
