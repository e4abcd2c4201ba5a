import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, validateSync } from 'class-validator';
import { IsOmittable } from './omittable';

class Change {
  @IsOmittable()
  @IsIn(['ORGANISER', 'COACH'])
  role?: string;

  @IsOptional()
  @IsIn(['ORGANISER', 'COACH'])
  nullableRole?: string | null;
}

const problems = (plain: object) =>
  validateSync(plainToInstance(Change, plain)).map((error) => [error.property, error.value]);

describe('IsOmittable', () => {
  it('lets a field be left out', () => {
    expect(problems({})).toEqual([]);
  });

  it('checks a given value with the field’s other rules', () => {
    expect(problems({ role: 'COACH' })).toEqual([]);
    expect(problems({ role: 'KING' })).toEqual([['role', 'KING']]);
  });

  it('refuses null, which IsOptional lets through', () => {
    expect(problems({ role: null })).toEqual([['role', null]]);
    expect(problems({ nullableRole: null })).toEqual([]);
  });
});
