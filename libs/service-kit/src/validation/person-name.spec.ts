import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsPersonName, personNameProblem } from './person-name';

class Person {
  @IsPersonName(10)
  name!: string;
}

describe('IsPersonName', () => {
  it.each([
    ['Sofie'],
    ['Zoe\u0308 (combining diaeresis)'.slice(0, 4)],
    ['محمد'],
    ['נועה'],
    ['Anna 🌻'],
    ['𠮷田'],
    ['👩‍👧 Ann'],
    ["D'Hondt"],
    ['AAAAAAAAAA'],
    ['🌻🌻🌻🌻🌻🌻🌻🌻🌻A'],
  ])('accepts %j', (name) => {
    expect(personNameProblem(name, 10)).toBeUndefined();
    expect(validateSync(plainToInstance(Person, { name }))).toEqual([]);
  });

  it.each([
    ['An\u0000na', 'must not contain control characters'],
    ['An\u0007na', 'must not contain control characters'],
    ['An\u0085na', 'must not contain control characters'],
    ['\u200B', 'must contain a letter'],
    ['\u200D\u200D', 'must contain a letter'],
    ['   ', 'must contain a letter'],
    ['', 'must contain a letter'],
    ['🌻', 'must contain a letter'],
    ['Ann\u202Eexe.', 'must not contain text-direction controls'],
    ['\u2067Ann\u2069', 'must not contain text-direction controls'],
    ['Ann\u200F', 'must not contain text-direction controls'],
    ['Ann\uD800', 'must be valid Unicode text'],
    ['\uDC00Ann', 'must be valid Unicode text'],
    ['AAAAAAAAAAA', 'must be at most 10 characters'],
    [42, 'must be a string'],
  ])('refuses %j: %s', (name, problem) => {
    expect(personNameProblem(name, 10)).toBe(problem);
    const errors = validateSync(plainToInstance(Person, { name }));
    expect(errors.map((e) => Object.values(e.constraints ?? {}))).toEqual([[`name ${problem}`]]);
  });
});
