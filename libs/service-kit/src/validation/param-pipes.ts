import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { CALENDAR_DATE_RULE, CALENDAR_MONTH_RULE, isCalendarDate, isCalendarMonth } from '@stapsteen/calendar';
import { ENTITY_ID_RULE, isEntityId } from '@stapsteen/contracts';
import { isUUID } from 'class-validator';

/**
 * Path and query parameters checked with the same rule as request bodies and events
 * (`@stapsteen/calendar` for dates and months, `@stapsteen/contracts` for ids), before any use case or database sees them: a
 * malformed value answers 400 `REQUEST.INVALID` naming the parameter, the same shape as a bad body.
 *
 *   @Param('month', CalendarMonthParam) month: string
 */
abstract class RuleParam implements PipeTransform<unknown, string> {
  protected abstract test(value: unknown): boolean;
  protected abstract readonly rule: string;

  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (this.test(value)) return value as string;
    const field = metadata.data ?? 'parameter';
    throw new BadRequestException({
      code: 'REQUEST.INVALID',
      detail: `${field}: ${field} ${this.rule}`,
      errors: [{ field, problems: [`${field} ${this.rule}`] }],
    });
  }
}

@Injectable()
export class CalendarDateParam extends RuleParam {
  protected readonly rule = CALENDAR_DATE_RULE;
  protected test = isCalendarDate;
}

@Injectable()
export class CalendarMonthParam extends RuleParam {
  protected readonly rule = CALENDAR_MONTH_RULE;
  protected test = isCalendarMonth;
}

@Injectable()
export class EntityIdParam extends RuleParam {
  protected readonly rule = ENTITY_ID_RULE;
  protected test = isEntityId;
}

/** Participants, sessions, prestations and imports are addressed by uuid. */
@Injectable()
export class UuidParam extends RuleParam {
  protected readonly rule = 'must be a uuid';
  protected test = (value: unknown) => typeof value === 'string' && value.length === 36 && isUUID(value);
}
