import { Transform } from 'class-transformer';
import { ValidationOptions, registerDecorator } from 'class-validator';

export interface QueryIntegerRange {
  /** The smallest value allowed. Only below 0 may the text carry a sign (`-`). */
  min: number;
  /** The largest value allowed, if any (the safe-integer limit still holds). */
  max?: number;
}

/** 0, or digits without a leading zero: what a client writes for a whole number, and nothing else. */
const UNSIGNED = /^(0|[1-9][0-9]*)$/;
const SIGNED = /^(0|-?[1-9][0-9]*)$/;

const allowsNegative = (range: QueryIntegerRange) => range.min < 0;

/** What the text must look like, worded as class-validator's `@IsInt()` so the web app names the constraint. */
export function queryIntegerRule(range: QueryIntegerRange): string {
  return allowsNegative(range)
    ? 'must be an integer number written in decimal digits, with - for a negative one (no spaces, +, hex or exponent)'
    : 'must be an integer number written in decimal digits only (no spaces, sign, hex or exponent)';
}

/**
 * The number a query or path parameter's text stands for, or undefined when it is not a plain
 * decimal integer: `''`, `' 14'`, `'0x7E9'`, `'1e3'`, `'+5'`, `'1.0'`, `'007'`, `'-0'` and numbers
 * beyond 2^53 are all refused, where `Number()` (and so `@Type(() => Number)`) reads most of them
 * as some number (`''` as 0). A `-` only where the range goes below 0. The range itself is not
 * checked here.
 */
export function parseQueryInteger(value: unknown, range: QueryIntegerRange): number | undefined {
  if (typeof value !== 'string' || !(allowsNegative(range) ? SIGNED : UNSIGNED).test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}

/** Why a value (after conversion) is refused, in class-validator's words; undefined when accepted. */
export function queryIntegerProblem(value: unknown, range: QueryIntegerRange): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || Object.is(value, -0)) {
    return queryIntegerRule(range);
  }
  if (value < range.min) return `must not be less than ${range.min}`;
  if (range.max !== undefined && value > range.max) return `must not be greater than ${range.max}`;
  return undefined;
}

/**
 * A whole number in a query string or a path (always text), strictly, in one decorator instead of
 * `@Type(() => Number) @IsInt() @Min() @Max()`: the text is converted only when it is a plain
 * decimal integer (see `parseQueryInteger`); anything else stays text, and the request answers
 * 400 `REQUEST.INVALID` naming the field with one problem, the rule or the range it breaks. A
 * default (`within = 0`) applies when the parameter is left out, never when it is sent empty.
 *
 *   @IsOptional() @IsQueryInteger({ min: 0, max: 366 }) within = 0;
 */
export function IsQueryInteger(range: QueryIntegerRange, validation?: ValidationOptions): PropertyDecorator {
  const convert = Transform(({ value }: { value: unknown }) => parseQueryInteger(value, range) ?? value, {
    toClassOnly: true,
  });
  return (target: object, propertyName: string | symbol) => {
    convert(target, propertyName);
    registerDecorator({
      name: 'isQueryInteger',
      target: target.constructor,
      propertyName: String(propertyName),
      options: validation,
      validator: {
        validate: (value: unknown) => queryIntegerProblem(value, range) === undefined,
        defaultMessage: (args) => `${args?.property} ${queryIntegerProblem(args?.value, range)}`,
      },
    });
  };
}
