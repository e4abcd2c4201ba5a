import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { createRequestValidationPipe } from '@stapsteen/observability';
import { IsOptional } from 'class-validator';
import { IsQueryInteger, parseQueryInteger, queryIntegerProblem, queryIntegerRule } from './query-integer';

const WINDOW = { min: 0, max: 366 };
const SHIFT = { min: -12 };

class WindowQuery {
  @IsOptional()
  @IsQueryInteger(WINDOW)
  within = 0;
}

class ShiftQuery {
  @IsQueryInteger(SHIFT)
  shift!: number;
}

const query = (metatype: new () => unknown): ArgumentMetadata => ({ type: 'query', metatype, data: '' });
const read = (value: Record<string, unknown>, metatype: new () => unknown = WindowQuery) =>
  createRequestValidationPipe().transform(value, query(metatype));

async function refusal(value: Record<string, unknown>, metatype: new () => unknown = WindowQuery) {
  const answer = await read(value, metatype).then(
    (dto) => dto,
    (error: unknown) => error,
  );
  expect(answer).toBeInstanceOf(BadRequestException);
  return (answer as BadRequestException).getResponse() as {
    code: string;
    detail: string;
    errors: { field: string; problems: string[] }[];
  };
}

describe('IsQueryInteger', () => {
  it.each([
    ['0', 0],
    ['14', 14],
    ['366', 366],
  ])('reads %j as %d', async (text, number) => {
    expect(await read({ within: text })).toEqual({ within: number });
  });

  it('keeps the default when the parameter is left out', async () => {
    expect(await read({})).toEqual({ within: 0 });
  });

  it.each([
    ['empty', ''],
    ['a leading space', ' 14'],
    ['a trailing space', '14 '],
    ['an encoded space read as one', '\u00a014'],
    ['hex', '0x7E9'],
    ['octal', '0o16'],
    ['binary', '0b1110'],
    ['an exponent', '1e1'],
    ['a plus sign', '+14'],
    ['a minus sign on a field without negatives', '-1'],
    ['minus zero', '-0'],
    ['a fraction', '14.5'],
    ['a trailing decimal point', '14.'],
    ['a leading zero', '014'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['beyond 2^53', '9007199254740993'],
    ['a word', 'soon'],
    ['Arabic-Indic digits', '١٤'],
    ['fullwidth digits', '１４'],
  ])('refuses %s (%j) with 400 REQUEST.INVALID naming the field', async (_what, text) => {
    const answer = await refusal({ within: text });
    expect(answer.code).toBe('REQUEST.INVALID');
    expect(answer.errors).toEqual([{ field: 'within', problems: [`within ${queryIntegerRule(WINDOW)}`] }]);
    expect(answer.detail).toBe(`within: within ${queryIntegerRule(WINDOW)}`);
  });

  it('refuses the parameter given twice (a list, not a number)', async () => {
    expect((await refusal({ within: ['1', '2'] })).errors[0].field).toBe('within');
  });

  it('refuses a number outside the range with one problem, worded as @Min and @Max word it', async () => {
    expect((await refusal({ within: '367' })).errors).toEqual([
      { field: 'within', problems: ['within must not be greater than 366'] },
    ]);
    expect((await refusal({ shift: '-13' }, ShiftQuery)).errors).toEqual([
      { field: 'shift', problems: ['shift must not be less than -12'] },
    ]);
  });

  it('takes a minus sign only where the range goes below 0', async () => {
    expect(await read({ shift: '-12' }, ShiftQuery)).toEqual({ shift: -12 });
    expect(await read({ shift: '1200' }, ShiftQuery)).toEqual({ shift: 1200 });
    for (const text of ['-0', '+12', '- 12', '-012', '-0x1', '']) {
      expect((await refusal({ shift: text }, ShiftQuery)).errors).toEqual([
        { field: 'shift', problems: [`shift ${queryIntegerRule(SHIFT)}`] },
      ]);
    }
  });

  it('is worded as @IsInt(), so the web app names the constraint in the user’s language', () => {
    expect(queryIntegerRule(WINDOW)).toMatch(/must be an integer number/);
    expect(queryIntegerRule(SHIFT)).toMatch(/must be an integer number/);
    expect(queryIntegerProblem(-1, WINDOW)).toBe('must not be less than 0');
  });

  it('parses only what it accepts', () => {
    expect(parseQueryInteger('2026', WINDOW)).toBe(2026);
    expect(parseQueryInteger(2026, WINDOW)).toBeUndefined();
    expect(parseQueryInteger('0x7E9', WINDOW)).toBeUndefined();
    expect(parseQueryInteger('-3', WINDOW)).toBeUndefined();
    expect(parseQueryInteger('-3', SHIFT)).toBe(-3);
  });
});
