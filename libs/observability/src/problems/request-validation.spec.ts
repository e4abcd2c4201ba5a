import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { changedTypes, createRequestValidationPipe } from './request-validation';

class LineDto {
  @Type(() => Number) @IsInt() @Min(1) minutes!: number;
}

class BodyDto {
  @Type(() => Number) @IsInt() @Min(1) @Max(720) minutes!: number;
  @IsOptional() @Type(() => Number) @IsInt() kilometres?: number;
  @IsOptional() @IsString() note?: string;
  @IsOptional() @Type(() => Boolean) @IsBoolean() late?: boolean;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => LineDto) lines?: LineDto[];
}

class QueryDto {
  @Type(() => Number) @IsInt() @Min(1) page!: number;
}

const body: ArgumentMetadata = { type: 'body', metatype: BodyDto, data: '' };
const query: ArgumentMetadata = { type: 'query', metatype: QueryDto, data: '' };

async function refusal(value: unknown, metadata: ArgumentMetadata) {
  try {
    await createRequestValidationPipe().transform(value, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as { code: string; errors: { field: string }[] };
  }
  throw new Error('expected a refusal');
}

describe('the request validation pipe', () => {
  it('accepts a body whose numbers are JSON numbers', async () => {
    const dto = await createRequestValidationPipe().transform({ minutes: 60, kilometres: 14 }, body);
    expect(dto).toBeInstanceOf(BodyDto);
    expect(dto).toEqual({ minutes: 60, kilometres: 14 });
  });

  it.each([
    [{ minutes: '60' }, 'minutes', 'must be a number, not a string'],
    [{ minutes: 60, kilometres: '14' }, 'kilometres', 'must be a number, not a string'],
    [{ minutes: 60, late: 'false' }, 'late', 'must be a boolean value, not a string'],
    [
      { minutes: 60, lines: [{ minutes: 30 }, { minutes: '30' }] },
      'lines[1].minutes',
      'must be a number, not a string',
    ],
    [{ minutes: 'sixty' }, 'minutes', 'must be a number, not a string'],
  ])('refuses %j instead of converting it (REQUEST.INVALID naming %s)', async (value, field, problem) => {
    const response = await refusal(value, body);
    expect(response).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field, problems: [problem] }] });
  });

  it('still converts a query parameter where its DTO says so', async () => {
    const dto = await createRequestValidationPipe().transform({ page: '2' }, query);
    expect(dto).toEqual({ page: 2 });
    expect((await refusal({ page: 'two' }, query)).errors[0].field).toBe('page');
  });

  it('still converts a path parameter of a primitive type', async () => {
    const pipe = createRequestValidationPipe();
    expect(await pipe.transform('7', { type: 'param', metatype: Number, data: 'n' })).toBe(7);
  });

  it('refuses a prototype key in a body from any parser (multipart fields reach the pipe without the JSON check)', async () => {
    const response = await refusal(JSON.parse('{"minutes": 60, "lines": [{"__proto__": {"minutes": 1}}]}'), body);
    expect(response).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'lines[0].__proto__' }] });
    const noDto = createRequestValidationPipe().transform(JSON.parse('{"constructor": 1}'), { type: 'body', data: '' });
    await expect(noDto).rejects.toBeInstanceOf(BadRequestException);
  });

  it('refuses a missing body (no JSON, or another media type), naming the body', async () => {
    const answer = await refusal(undefined, body);
    expect(answer.code).toBe('REQUEST.INVALID');
    expect(answer.errors).toEqual([
      { field: '(body)', problems: ['must be a JSON object (send {} for none of its fields)'] },
    ]);
  });

  it('takes {} as a body whose optional fields are all left out', async () => {
    class Optional {
      @IsOptional() @IsString() note?: string;
    }
    const dto = await createRequestValidationPipe().transform({}, { type: 'body', metatype: Optional });
    expect(dto).toBeInstanceOf(Optional);
  });

  it('keeps refusing unknown body fields', async () => {
    const response = await refusal({ minutes: 60, minuten: 60 }, body);
    expect(response).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'minuten' }] });
  });
});

describe('changedTypes', () => {
  it('is empty when every leaf keeps its type, null included', () => {
    expect(changedTypes({ a: 1, b: 's', c: null, d: [true] }, { a: 1, b: 's', c: null, d: [true] })).toEqual([]);
  });

  it('names an object or array that the conversion turned into something else', () => {
    expect(changedTypes({ n: { x: 1 } }, { n: NaN })).toEqual([
      { field: 'n', problems: ['must be a number, not an object'] },
    ]);
    expect(changedTypes({ n: [1] }, { n: 1 })).toEqual([{ field: 'n', problems: ['must be a number, not an array'] }]);
  });

  it('names a changed leaf by its path', () => {
    expect(changedTypes({ a: [{ b: '1' }] }, { a: [{ b: 1 }] })).toEqual([
      { field: 'a[0].b', problems: ['must be a number, not a string'] },
    ]);
  });
});
