import { ValidateBy, ValidationOptions } from 'class-validator';
import {
  CALENDAR_DATE_RULE,
  CALENDAR_INSTANT_RULE,
  CALENDAR_MONTH_RULE,
  ENTITY_ID_RULE,
  isCalendarDate,
  isCalendarInstant,
  isCalendarMonth,
  isEntityId,
} from './rules';

/**
 * class-validator decorators for the rules in `rules.ts`, used by every request DTO and every event
 * payload class. `{ each: true }` checks each element of an array.
 */
function rule(name: string, test: (value: unknown) => boolean, text: string, options?: ValidationOptions) {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value) => test(value),
        defaultMessage: () => (options?.each ? `each value in $property ${text}` : `$property ${text}`),
      },
    },
    options,
  );
}

export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  rule('isCalendarDate', isCalendarDate, CALENDAR_DATE_RULE, options);

export const IsCalendarMonth = (options?: ValidationOptions): PropertyDecorator =>
  rule('isCalendarMonth', isCalendarMonth, CALENDAR_MONTH_RULE, options);

export const IsEntityId = (options?: ValidationOptions): PropertyDecorator =>
  rule('isEntityId', isEntityId, ENTITY_ID_RULE, options);

export const IsCalendarInstant = (options?: ValidationOptions): PropertyDecorator =>
  rule('isCalendarInstant', isCalendarInstant, CALENDAR_INSTANT_RULE, options);
