import express from 'express';
import request from 'supertest';
import { ProblemDetailsFilter } from './problem-details.filter';
import { findForbiddenKey, jsonBodyParser } from './json-body';

describe('findForbiddenKey', () => {
  // JSON.parse makes "__proto__" an own property: only raw JSON text shows what a request carries.
  it.each([
    ['{"__proto__": {"admin": true}}', '__proto__'],
    ['{"constructor": {"prototype": {"admin": true}}}', 'constructor'],
    ['{"a": {"b": {"__proto__": {}}}}', 'a.b.__proto__'],
    ['{"lines": [{"minutes": 1}, {"constructor": 1}]}', 'lines[1].constructor'],
    ['[{"x": [[{"__proto__": null}]]}]', '[0].x[0][0].__proto__'],
    ['{"a": {"prototype": 1}}', 'a.prototype'],
  ])('finds the key in %s at %s', (json, path) => {
    expect(findForbiddenKey(JSON.parse(json))).toBe(path);
  });

  it.each(['{"minutes": 60, "note": "__proto__ constructor"}', '[1, "a", null]', '"constructor"', 'null'])(
    'finds nothing in %s (a value may say anything)',
    (json) => {
      expect(findForbiddenKey(JSON.parse(json))).toBeUndefined();
    },
  );
});

describe('jsonBodyParser', () => {
  const app = express();
  app.use(...jsonBodyParser({ limit: '1kb' }));
  app.post('/echo', (req, res) => {
    res.json({ body: req.body });
  });
  // The problem filter as Nest calls it for an error passed on by a middleware.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    new ProblemDetailsFilter().catch(error, {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as never);
  });

  const post = (raw: string) => request(app).post('/echo').set('Content-Type', 'application/json').send(raw);

  it('passes an ordinary body through', async () => {
    const response = await post('{"minutes": 60}');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ body: { minutes: 60 } });
  });

  it.each([
    ['{"__proto__": {"admin": true}, "minutes": 60}', '__proto__'],
    ['{"minutes": 60, "gebruiker": {"__proto__": {"admin": true}}}', 'gebruiker.__proto__'],
    ['{"constructor": {"prototype": {"admin": true}}}', 'constructor'],
    ['{"lines": [{"constructor": 1}]}', 'lines[0].constructor'],
  ])('refuses %s with 400 REQUEST.INVALID naming %s', async (raw, field) => {
    const response = await post(raw);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field }] });
  });

  it.each([
    ['{"firstName": "An\\u0000na"}', 'firstName'],
    ['{"gebruiker": {"reference": "x\\u0000"}}', 'gebruiker.reference'],
    ['{"codes": ["A", "\\u0000"]}', 'codes[1]'],
    ['{"a\\u0000b": 1}', 'a\u0000b'],
  ])('refuses a NUL character in %s with 400 REQUEST.INVALID naming %j', async (raw, field) => {
    const response = await post(raw);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [{ field, problems: ['must not contain a NUL character'] }],
    });
  });

  it('refuses a body nested deeper than any we accept, saying so', async () => {
    const deep = `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`;
    const response = await post(deep);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID' });
    expect(response.body.errors[0].problems).toEqual(['is nested more than 64 levels deep']);
  });

  it.each(['{"minutes": 60', '{minutes: 60}', '"just a string"', '{"a": 1}}'])(
    'answers malformed JSON %j with 400 REQUEST.MALFORMED',
    async (raw) => {
      const response = await post(raw);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.MALFORMED', status: 400 });
    },
  );

  it('answers a body over the limit with 413 REQUEST.TOO_LARGE', async () => {
    const response = await post(JSON.stringify({ note: 'x'.repeat(2000) }));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'REQUEST.TOO_LARGE' });
  });
});
