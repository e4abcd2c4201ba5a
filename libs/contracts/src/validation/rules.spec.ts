import { validate } from 'class-validator';
import { IsCalendarDate, IsCalendarMonth, IsEntityId } from './decorators';
import { isCalendarDate, isCalendarInstant, isCalendarMonth, isEntityId } from './rules';

describe('the one date, month and id rule', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31', '1900-01-01', '2999-12-31'])('accepts the date %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2026-02-31',
    '2026-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '1899-12-31',
    '3000-01-01',
    '2026-1-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '',
    20260101,
    null,
  ])('refuses the date %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('accepts months that exist and refuses the others', () => {
    expect(['2026-01', '2026-12', '1900-01'].map(isCalendarMonth)).toEqual([true, true, true]);
    expect(['2026-13', '2026-00', '0000-01', '2026-1', '2026-01-01', 202601].map(isCalendarMonth)).toEqual(
      Array(6).fill(false),
    );
  });

  it('accepts instants with a zone on days that exist and refuses the others', () => {
    expect(
      ['2026-11-18T11:30:00+01:00', '2026-11-18T10:30Z', '2026-11-18T10:30:00.123Z'].map(isCalendarInstant),
    ).toEqual([true, true, true]);
    expect(
      [
        '2026-02-31T10:00:00+01:00',
        '2026-13-01T10:00:00Z',
        '0000-01-01T10:00:00Z',
        '2026-11-18T24:00:00Z',
        '2026-11-18T10:00:00',
        '2026-11-18',
        'x'.repeat(10_000),
      ].map(isCalendarInstant),
    ).toEqual(Array(7).fill(false));
  });

  it('accepts opaque ids up to 100 characters and refuses the rest', () => {
    expect(['org-neteland', '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c', 'a'.repeat(100), 'user@x'].map(isEntityId)).toEqual(
      [true, true, true, true],
    );
    expect(['', 'a'.repeat(101), 'x'.repeat(10_000), '../etc', 'a b', 'a/b', '$where', 7].map(isEntityId)).toEqual(
      Array(8).fill(false),
    );
  });

  it('gives decorators that name the property and check each element', async () => {
    class Probe {
      @IsCalendarDate() on = '2026-02-31';
      @IsCalendarMonth() month = '2026-13';
      @IsEntityId({ each: true }) ids = ['ok', 'not ok'];
    }
    const errors = await validate(new Probe());
    expect(Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]))).toEqual({
      on: ['on must be a date that exists, as YYYY-MM-DD (years 1900-2999)'],
      month: ['month must be a month as YYYY-MM (years 1900-2999)'],
      ids: ['each value in ids must be an id of 1 to 100 letters, digits or . _ : @ -'],
    });
  });
});
