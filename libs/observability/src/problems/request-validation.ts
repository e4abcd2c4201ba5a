import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { findForbiddenKey, forbiddenKeyProblem } from './json-body';

export interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function refusedFields(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    code: 'REQUEST.INVALID',
    detail: fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '),
    errors: fields,
  });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'Date instance';
  return typeof value;
}

function article(kind: string): string {
  return /^[aeiou]/i.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** Deeper than any body we accept; the JSON parser has refused such bodies before a pipe runs. */
const MAX_DEPTH = 64;

/**
 * The fields whose JSON value class-transformer would turn into another type (`"60"` → 60 by a
 * `@Type(() => Number)`, `"true"` → true, a string → Date), compared leaf by leaf between the plain
 * body and the instance built from it.
 */
export function changedTypes(plain: unknown, built: unknown, path = '', depth = 0): FieldProblem[] {
  if (depth > MAX_DEPTH || built === undefined) return [];
  if (Array.isArray(plain)) {
    if (!Array.isArray(built)) return changed(plain, built, path);
    return plain.flatMap((item, index) => changedTypes(item, built[index], `${path}[${index}]`, depth + 1));
  }
  if (typeof plain === 'object' && plain !== null) {
    if (kindOf(built) !== 'object') return changed(plain, built, path);
    return Object.keys(plain).flatMap((key) =>
      changedTypes(
        (plain as Record<string, unknown>)[key],
        (built as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
        depth + 1,
      ),
    );
  }
  return changed(plain, built, path);
}

function changed(plain: unknown, built: unknown, path: string): FieldProblem[] {
  const was = kindOf(plain);
  const is = kindOf(built);
  if (was === is) return [];
  // Worded as class-validator words it ("must be a number", "must be a boolean value"), which the web
  // app turns into the user's language.
  const expected = is === 'boolean' ? 'a boolean value' : article(is);
  return [{ field: path || '(body)', problems: [`must be ${expected}, not ${article(was)}`] }];
}

/**
 * Request bodies are whitelisted: an unknown field is refused rather than silently ignored, so a
 * client typo (`minuten` for `minutes`) never turns into a half-understood prestation.
 *
 * Bodies are also exact: JSON already carries numbers and booleans, so a body value is never
 * converted. A DTO may say `@Type(() => Number)` for its query and path parameters (always strings,
 * converted as before), but if that conversion would change a BODY value's type (`"minutes": "60"`)
 * the request is refused with REQUEST.INVALID naming the field, before anything runs.
 */
export class ExactBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && !metadata.data && value === undefined && this.toValidate(metadata)) {
      // No body (or one the JSON parser did not read: another media type) is not an empty object:
      // the OpenAPI document says the body is required, and `{}` is how to send nothing.
      throw refusedFields([{ field: '(body)', problems: ['must be a JSON object (send {} for none of its fields)'] }]);
    }
    if (metadata.type === 'body') {
      // The JSON parser refuses these already; a body from another parser (multipart fields) too.
      const forbidden = findForbiddenKey(value);
      if (forbidden !== undefined) throw forbiddenKeyProblem(forbidden);
    }
    if (
      metadata.type === 'body' &&
      metadata.metatype &&
      this.toValidate(metadata) &&
      typeof value === 'object' &&
      value !== null
    ) {
      const built: unknown = plainToInstance(metadata.metatype as new () => unknown, value, this.transformOptions);
      const changed = changedTypes(value, built);
      if (changed.length > 0) throw refusedFields(changed);
    }
    return super.transform(value, metadata);
  }
}

export function createRequestValidationPipe(): ValidationPipe {
  return new ExactBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // No implicit conversion anywhere: a query or path parameter becomes a number only where its
    // DTO says `@Type(() => Number)`, and a body value never (see ExactBodyValidationPipe).
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => refusedFields(flatten(errors)),
  });
}

/** What every body and parameter must be, stated in each service's OpenAPI description (ADR 17). */
export const REQUEST_RULES =
  'Bodies are JSON with exact types: a missing body, a number sent as a string ("60"), an unknown field or a ' +
  '`__proto__`/`constructor` key at any depth answers 400 `REQUEST.INVALID` naming the field; a body ' +
  'that is not JSON answers 400 `REQUEST.MALFORMED`; a malformed path or query parameter answers 400 ' +
  '`REQUEST.INVALID`. Nothing is stored in any of these cases.';
