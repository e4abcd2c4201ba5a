import {
  ArrayUnique,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate, IsCalendarMonth, IsEntityId } from '../validation/decorators';

/**
 * Property decorators shared by the payload classes. Composed by hand rather than with a framework
 * helper, because contracts must stay importable from any service whatever it runs on.
 */
function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

/**
 * Ids are opaque to other services: uuids for participants, slugs for organisations and regions.
 * The same rule as every request's ids (`validation/rules.ts`).
 */
export const Id = () => IsEntityId();

/**
 * "Sofie V.": first name and last-name initial, enough for another service's screen; the full
 * name stays in flow-through.
 */
export const DisplayName = () => compose(IsString(), IsNotEmpty(), MaxLength(60));

/**
 * A Belgian calendar day that exists (no 2026-02-30, no year 0000): the same rule as every
 * request's dates (`validation/rules.ts`), so what a service accepts, its consumers accept too.
 */
export const CalendarDate = () => IsCalendarDate();

export const CalendarMonth = () => IsCalendarMonth();

/** A point in time, always in UTC, so consumers never guess a time zone. */
export const Instant = () =>
  compose(
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, {
      message: '$property must be a UTC instant as YYYY-MM-DDTHH:mm:ss.sssZ',
    }),
    IsISO8601({ strict: true }, { message: '$property must be an instant that exists' }),
  );

export const Hours = (min: number, max: number) => compose(IsInt(), Min(min), Max(max));

/** Competency codes from the organisation's catalogue, e.g. SAMENWERKEN. */
export const CompetencyCode = (options: { each?: boolean } = {}) =>
  Matches(/^[A-Z][A-Z0-9_]{1,39}$/, {
    each: options.each,
    message: options.each
      ? 'each value in $property must be an upper-case competency code'
      : '$property must be an upper-case competency code',
  });

/** A code listed twice would be counted twice by consumers that tally codes. */
export const Distinct = () => ArrayUnique(undefined, { message: '$property must not repeat a value' });

/**
 * The field must be present but may be null (coachId, plannedEndOn…): unlike @IsOptional, a
 * producer that forgets the field is refused, so "unknown" and "none" never get mixed up.
 */
export const Nullable = () => ValidateIf((_object, value) => value !== null);
