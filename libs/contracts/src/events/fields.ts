import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Property decorators shared by the payload classes; composed by hand to stay framework-free. */
function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

export const Id = () => compose(IsString(), IsNotEmpty(), MaxLength(100));
export const CalendarDate = () =>
  Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '$property must be a date as YYYY-MM-DD' });
export const CalendarMonth = () =>
  Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be a month as YYYY-MM' });
export const Instant = () => IsISO8601({ strict: true });
export const CompetencyCode = (options: { each?: boolean } = {}) =>
  Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { each: options.each, message: '$property must hold upper-case competency codes' });
export const DisplayName = () => compose(IsString(), IsNotEmpty(), MaxLength(60));
