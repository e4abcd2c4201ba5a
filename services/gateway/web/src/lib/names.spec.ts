import { describe, expect, it } from '@jest/globals';
import { distinctNames, nameLookup, shortNumber } from './names';

describe('distinctNames', () => {
  it('keeps a name nobody else on the list shares', () => {
    const names = distinctNames([
      { id: 'a', displayName: 'Greet V.' },
      { id: 'b', displayName: 'Koen V.' },
    ]);
    expect([...names.values()]).toEqual(['Greet V.', 'Koen V.']);
  });

  it('tells a shared name apart by birth year when every holder has a different one', () => {
    const names = distinctNames([
      { id: 'a', displayName: 'Greet V.', birthYear: 1987 },
      { id: 'b', displayName: 'greet v. ', birthYear: 1990 },
      { id: 'c', displayName: 'Koen V.', birthYear: 1990 },
    ]);
    expect(names.get('a')).toBe('Greet V. (°1987)');
    expect(names.get('b')).toBe('greet v.  (°1990)');
    expect(names.get('c')).toBe('Koen V.');
  });

  it('falls back to a short number from the id when birth years are missing or equal', () => {
    const people = [
      { id: '5b0c4f3e-0001', displayName: 'Nadia V.', birthYear: 1990 },
      { id: '5b0c4f3e-0002', displayName: 'Nadia V.', birthYear: 1990 },
      { id: '5b0c4f3e-0003', displayName: 'Nadia V.' },
    ];
    const names = distinctNames(people);
    const shown = people.map((p) => names.get(p.id) as string);
    expect(new Set(shown).size).toBe(3);
    for (const name of shown) expect(name).toMatch(/^Nadia V\. \(nr\. \d{3,}\)$/);
  });

  it('gives a person the same number on every screen, whoever else is listed', () => {
    const greet = { id: 'participant-17', displayName: 'Greet V.' };
    const onGrid = distinctNames([greet, { id: 'participant-4', displayName: 'Greet V.' }]);
    const inCaseload = distinctNames([{ id: 'participant-99', displayName: 'Greet V.' }, greet]);
    expect(onGrid.get(greet.id)).toBe(`Greet V. (nr. ${shortNumber(greet.id, 3)})`);
    expect(inCaseload.get(greet.id)).toBe(onGrid.get(greet.id));
  });

  it('never shows two people of a large list under one name', () => {
    const people = Array.from({ length: 400 }, (_, i) => ({
      id: `p-${i}`,
      displayName: i % 2 ? 'Koen V.' : 'Greet V.',
    }));
    const shown = [...distinctNames(people).values()];
    expect(new Set(shown).size).toBe(people.length);
  });

  it('looks up someone not on the list by the fallback', () => {
    const nameOf = nameLookup([{ id: 'a', displayName: 'Jan J.' }]);
    expect(nameOf('a')).toBe('Jan J.');
    expect(nameOf('z', 'onbekend')).toBe('onbekend');
  });
});
