import { BadRequestException } from '@nestjs/common';
import express from 'express';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * Keys that name the prototype machinery of a JavaScript object. `JSON.parse` turns them into
 * ordinary own properties, but any later merge, spread into a class or deep copy may follow them
 * to `Object.prototype`. No Stapsteen body has a field of that name, so they are refused outright.
 */
export const FORBIDDEN_BODY_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Deeper than any body we accept; a deeper one is refused rather than walked (stack safety). */
const MAX_DEPTH = 64;

/**
 * The path of the first forbidden key in a parsed JSON value (`items[2].__proto__`), or undefined.
 * Walks own keys only, through objects and arrays at every depth.
 */
export function findForbiddenKey(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return path || '(body)';
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findForbiddenKey(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN_BODY_KEYS.includes(key)) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The 400 problem for a body that carries a forbidden key (or is nested deeper than any body we
 * accept, where the walk stopped), in the shape of any refused field.
 */
export function forbiddenKeyProblem(field: string): BadRequestException {
  const key =
    field
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? field;
  const problem = FORBIDDEN_BODY_KEYS.includes(key)
    ? `should not exist (a key named ${key} is never accepted)`
    : `is nested more than ${MAX_DEPTH} levels deep`;
  return new BadRequestException({
    code: 'REQUEST.INVALID',
    detail: `${field}: ${problem}`,
    errors: [{ field, problems: [problem] }],
  });
}

/** body-parser's "could not parse" becomes our stable code instead of Nest's generic HTTP.400. */
const malformedJson: ErrorRequestHandler = (error: unknown, _request, _response, next) => {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') {
    next(
      new BadRequestException({
        code: 'REQUEST.MALFORMED',
        detail: 'The request body is not valid JSON.',
      }),
    );
    return;
  }
  next(error);
};

/**
 * The path of the first string (value or key) holding a NUL character, or undefined. No text we
 * accept has one, and the local database (FerretDB on PostgreSQL) cannot store one: it failed
 * the write with a 500.
 */
export function findNulCharacter(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : undefined;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNulCharacter(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = findNulCharacter(inner, here, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const refuseForbiddenKeys: RequestHandler = (request, _response, next) => {
  const field = findForbiddenKey(request.body);
  if (field !== undefined) return next(forbiddenKeyProblem(field));
  const nul = findNulCharacter(request.body);
  if (nul === undefined) return next();
  const problem = 'must not contain a NUL character';
  next(
    new BadRequestException({
      code: 'REQUEST.INVALID',
      detail: `${nul}: ${problem}`,
      errors: [{ field: nul, problems: [problem] }],
    }),
  );
};

/**
 * The one JSON body parser of every Stapsteen HTTP app (each service and the gateway): strict
 * JSON (objects and arrays only), a size limit, malformed JSON answered as `REQUEST.MALFORMED`
 * and prototype keys (`__proto__`, `constructor`, `prototype`) at any depth, and NUL characters in any
 * string, refused as `REQUEST.INVALID`. Mount with `app.use(...jsonBodyParser())`.
 */
export function jsonBodyParser(options: { limit?: string } = {}): Array<RequestHandler | ErrorRequestHandler> {
  return [express.json({ limit: options.limit ?? '100kb', strict: true }), malformedJson, refuseForbiddenKeys];
}
