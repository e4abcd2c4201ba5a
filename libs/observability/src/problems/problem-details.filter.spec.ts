import { ArgumentsHost, BadRequestException, NotFoundException, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@stapsteen/errors';
import { ProblemDetailsFilter } from './problem-details.filter';

/** A minimal HTTP host that records what the filter answers. */
function host() {
  const sent: { status?: number; type?: string; body?: Record<string, unknown>; headers: Record<string, string> } = {
    headers: {},
  };
  const response = {
    getHeader: () => 'corr-1',
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return this;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(contentType: string) {
      sent.type = contentType;
      return this;
    },
    send(body: string) {
      sent.body = JSON.parse(body);
      return this;
    },
  };
  const argumentsHost = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/prestations?x=1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { argumentsHost, sent };
}

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  it('turns a refused rule into a 422 with its stable code and facts', () => {
    const { argumentsHost, sent } = host();
    filter.catch(
      new DomainError('HOURS.MONTHLY_CAP_EXCEEDED', 'rule-violation', 'Over the cap', { cap: 60, stillAllowed: 0 }),
      argumentsHost,
    );
    expect(sent.status).toBe(422);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: 'https://stapsteen.be/problems/hours-monthly-cap-exceeded',
      title: 'Refused by a business rule',
      status: 422,
      detail: 'Over the cap',
      code: 'HOURS.MONTHLY_CAP_EXCEEDED',
      cap: 60,
      stillAllowed: 0,
      instance: '/prestations',
      correlationId: 'corr-1',
    });
  });

  it('keeps the field list of a refused request body', () => {
    const { argumentsHost, sent } = host();
    filter.catch(
      new BadRequestException({
        code: 'REQUEST.INVALID',
        detail: 'minutes: too small',
        errors: [{ field: 'minutes' }],
      }),
      argumentsHost,
    );
    expect(sent.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'minutes' }] });
  });

  it('answers a param pipe refusal (ParseUUIDPipe, ParseIntPipe) as 400 REQUEST.INVALID, not HTTP.400', async () => {
    for (const pipe of [new ParseUUIDPipe(), new ParseIntPipe()]) {
      const refused = await pipe.transform('not-an-id', { type: 'param', data: 'id' }).catch((e: unknown) => e);
      const { argumentsHost, sent } = host();
      filter.catch(refused, argumentsHost);
      expect(sent.status).toBe(400);
      expect(sent.body).toMatchObject({
        code: 'REQUEST.INVALID',
        type: 'https://stapsteen.be/problems/request-invalid',
      });
    }
  });

  it('answers what Nest makes of a JSON syntax error (a bare BadRequestException) as REQUEST.INVALID', () => {
    const { argumentsHost, sent } = host();
    filter.catch(new BadRequestException('Unexpected token } in JSON at position 5'), argumentsHost);
    expect(sent.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
  });

  it('keeps HTTP.<status> for other Nest exceptions without a code', () => {
    const { argumentsHost, sent } = host();
    filter.catch(new NotFoundException('Cannot GET /nothing'), argumentsHost);
    expect(sent.body).toMatchObject({ status: 404, code: 'HTTP.404' });
  });

  it('keeps the code of a body that is not JSON (REQUEST.MALFORMED from the shared JSON parser)', () => {
    const { argumentsHost, sent } = host();
    filter.catch(new BadRequestException({ code: 'REQUEST.MALFORMED', detail: 'not JSON' }), argumentsHost);
    expect(sent.body).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED', detail: 'not JSON' });
  });

  it('answers 413 for a body that is too large', () => {
    const { argumentsHost, sent } = host();
    filter.catch(
      Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }),
      argumentsHost,
    );
    expect(sent.body).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
  });

  it('answers 503, retry later, when the database is locked', () => {
    const { argumentsHost, sent } = host();
    const busy = Object.assign(new Error('[collection.go:191] database is locked (5) (SQLITE_BUSY)'), {
      name: 'MongoServerError',
    });
    filter.catch(busy, argumentsHost);
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({ code: 'SERVICE.DATABASE_BUSY' });
    expect(sent.headers['retry-after']).toBe('5');
    expect(JSON.stringify(sent.body)).not.toContain('collection.go');
  });

  it.each([
    ['FerretDB or MongoDB cannot be reached', 'MongoServerSelectionError', 'connect ECONNREFUSED 127.0.0.1:27017'],
    ['a connection is lost mid-request', 'MongoNetworkError', 'connection 4 to 127.0.0.1:27017 closed'],
    [
      'FerretDB is up but its PostgreSQL is not',
      'MongoServerError',
      '[msg_find.go:344] failed to connect to `user=stapsteen database=ferretdb`: dial error',
    ],
  ])('answers 503 SERVICE.DATABASE_UNAVAILABLE with Retry-After when %s, revealing nothing', (_title, name, text) => {
    const { argumentsHost, sent } = host();
    filter.catch(Object.assign(new Error(text), { name }), argumentsHost);
    expect(sent.status).toBe(503);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({
      status: 503,
      code: 'SERVICE.DATABASE_UNAVAILABLE',
      type: 'https://stapsteen.be/problems/service-database-unavailable',
      correlationId: 'corr-1',
    });
    expect(JSON.stringify(sent.body)).not.toMatch(/127\.0\.0\.1|ferretdb|msg_find/);
  });

  it('sends no Retry-After with other errors', () => {
    const { argumentsHost, sent } = host();
    filter.catch(new Error('boom'), argumentsHost);
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
  });

  it('reveals nothing of an unexpected error but the correlation id', () => {
    const { argumentsHost, sent } = host();
    filter.catch(new Error('connection string mongodb://secret'), argumentsHost);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
    expect(sent.body).toMatchObject({ code: 'INTERNAL.UNEXPECTED', correlationId: 'corr-1' });
  });
});
