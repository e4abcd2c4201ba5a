/**
 * Names people cannot confuse. Screens show shortened names ("Greet V."), and two people of one
 * organisation easily share one: hours or money could then go to the wrong person. Every screen
 * where a person is chosen or paid passes its list through `distinctNames`, so a shared name gets
 * the birth year when that tells them apart, else a short number that stays the same for that person
 * on every screen (it comes from their id, not from their place in the list).
 */
export interface NamedPerson {
  id: string;
  displayName: string;
  /** Year of birth, when the screen knows it. */
  birthYear?: number | null;
}

const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl-BE');

/** A number from the id (FNV-1a), the same on every screen for the same person. */
export function shortNumber(id: string, digits: number): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % 10 ** digits).padStart(digits, '0');
}

/** Each person's name as shown, keyed by id: the name itself when nobody else on the list shares it. */
export function distinctNames(people: readonly NamedPerson[]): Map<string, string> {
  const shown = new Map<string, string>();
  const groups = new Map<string, NamedPerson[]>();
  for (const person of people) {
    if (shown.has(person.id)) continue;
    shown.set(person.id, person.displayName);
    const key = normalise(person.displayName);
    groups.set(key, [...(groups.get(key) ?? []).filter((p) => p.id !== person.id), person]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const years = group.map((p) => p.birthYear ?? null);
    if (years.every((y) => y !== null) && new Set(years).size === group.length) {
      for (const p of group) shown.set(p.id, `${p.displayName} (°${p.birthYear})`);
      continue;
    }
    for (let digits = 3; digits <= 9; digits += 1) {
      const numbers = group.map((p) => shortNumber(p.id, digits));
      if (new Set(numbers).size === group.length || digits === 9) {
        group.forEach((p, i) => shown.set(p.id, `${p.displayName} (nr. ${numbers[i]})`));
        break;
      }
    }
  }
  return shown;
}

/** A lookup for a screen: the distinct name of an id, or `fallback` for someone not on the list. */
export function nameLookup(people: readonly NamedPerson[]): (id: string, fallback?: string) => string {
  const names = distinctNames(people);
  return (id, fallback) => names.get(id) ?? fallback ?? id;
}
