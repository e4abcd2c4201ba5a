import { BadRequestException } from '@nestjs/common';
import { CalendarDateParam, CalendarMonthParam, EntityIdParam, UuidParam } from './param-pipes';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse();
  }
  throw new Error('the value was accepted');
};

describe('path and query parameter pipes', () => {
  it('passes values that follow the rule through unchanged', () => {
    expect(new CalendarMonthParam().transform('2026-11', { type: 'param', data: 'month' })).toBe('2026-11');
    expect(new CalendarDateParam().transform('2024-02-29', { type: 'param', data: 'on' })).toBe('2024-02-29');
    expect(new EntityIdParam().transform('org-neteland', { type: 'param', data: 'organisationId' })).toBe(
      'org-neteland',
    );
    const uuid = '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c';
    expect(new UuidParam().transform(uuid, { type: 'param', data: 'id' })).toBe(uuid);
  });

  it('refuses the others with a REQUEST.INVALID problem naming the parameter', () => {
    expect(refusal(() => new CalendarMonthParam().transform('2026-13', { type: 'param', data: 'month' }))).toEqual({
      code: 'REQUEST.INVALID',
      detail: 'month: month must be a month as YYYY-MM (years 1900-2999)',
      errors: [{ field: 'month', problems: ['month must be a month as YYYY-MM (years 1900-2999)'] }],
    });
    expect(refusal(() => new CalendarDateParam().transform('2026-02-31', { type: 'query', data: 'on' }))).toMatchObject(
      { code: 'REQUEST.INVALID', errors: [{ field: 'on' }] },
    );
    expect(
      refusal(() => new EntityIdParam().transform('x'.repeat(10_000), { type: 'param', data: 'organisationId' })),
    ).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'organisationId' }] });
    expect(refusal(() => new UuidParam().transform('not-a-uuid', { type: 'param', data: 'id' }))).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [{ field: 'id', problems: ['id must be a uuid'] }],
    });
  });
});
