import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DATABASE_RETRY_AFTER_SECONDS, databaseTroubleOf, isDomainError } from '@stapsteen/errors';
import type { Request, Response } from 'express';
import { CORRELATION_HEADER, correlation } from '../logging/correlation';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, STATUS_BY_KIND, problemTypeFor, titleFor } from './problem-details';

/**
 * Maps every failure of an HTTP request to RFC 9457 problem details with a stable code.
 * Domain errors keep their facts (e.g. hours already counted) as extension members; anything
 * unexpected becomes a 500 that reveals nothing but the correlation id to quote to support.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    const correlationId = correlation.current() ?? (response.getHeader(CORRELATION_HEADER) as string | undefined);
    if (correlationId) problem.correlationId = correlationId;
    if (problem.status === 503) {
      // A passing condition (the database is away or busy): say when to try again, log it briefly.
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      this.logger.warn({ code: problem.code, reason: reasonOf(exception) }, 'request refused: temporarily unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, code: problem.code }, 'request failed unexpectedly');
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (isDomainError(exception)) {
      const status = STATUS_BY_KIND[exception.kind];
      return {
        ...exception.facts,
        type: problemTypeFor(exception.code),
        title: titleFor(status),
        status,
        detail: exception.message,
        code: exception.code,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const code = typeof fields.code === 'string' ? fields.code : codeForStatus(status);
      const detail =
        typeof fields.detail === 'string'
          ? fields.detail
          : typeof fields.message === 'string'
            ? fields.message
            : typeof body === 'string'
              ? body
              : exception.message;
      const {
        code: _code,
        detail: _detail,
        message: _message,
        statusCode: _statusCode,
        error: _error,
        ...rest
      } = fields;
      return { ...rest, type: problemTypeFor(code), title: titleFor(status), status, detail, code };
    }
    const trouble = databaseTroubleOf(exception);
    if (trouble === 'unavailable') {
      return {
        type: problemTypeFor('SERVICE.DATABASE_UNAVAILABLE'),
        title: titleFor(503),
        status: 503,
        detail: 'The database cannot be reached right now; nothing was stored. Try again in a moment.',
        code: 'SERVICE.DATABASE_UNAVAILABLE',
      };
    }
    if (trouble === 'busy') {
      return {
        type: problemTypeFor('SERVICE.DATABASE_BUSY'),
        title: titleFor(503),
        status: 503,
        detail: 'The database is too busy right now; nothing was stored. Try again in a moment.',
        code: 'SERVICE.DATABASE_BUSY',
      };
    }
    const clientError = clientErrorOf(exception);
    if (clientError) {
      return { type: problemTypeFor(clientError.code), title: titleFor(clientError.status), ...clientError };
    }
    return {
      type: problemTypeFor('INTERNAL.UNEXPECTED'),
      title: titleFor(500),
      status: 500,
      detail: 'Something went wrong on our side. Quote the correlation id when you report it.',
      code: 'INTERNAL.UNEXPECTED',
    };
  }
}

/**
 * A Nest exception without our code: a param pipe's refusal (ParseUUIDPipe, ParseIntPipe, …) or a
 * bad percent-encoding in the path is a request the client must fix, like a refused body field, so
 * every 400 answers REQUEST.INVALID; other statuses keep the generic HTTP.<status>.
 */
function codeForStatus(status: number): string {
  return status === 400 ? 'REQUEST.INVALID' : `HTTP.${status}`;
}

/**
 * Errors the HTTP layer raises before a controller runs (body-parser's "entity too large",
 * "unsupported charset", …) carry a 4xx status; they are the client's to fix, not a 500.
 */
function clientErrorOf(exception: unknown): { status: number; code: string; detail: string } | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, type } = exception as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413) return { status, code: 'REQUEST.TOO_LARGE', detail: 'The request body is larger than allowed.' };
  const reason = typeof type === 'string' ? ` (${type})` : '';
  return { status, code: 'REQUEST.MALFORMED', detail: `The request could not be read${reason}.` };
}

/** The error's name and the first line of its message: enough to tell the outage, no data. */
function reasonOf(exception: unknown): string {
  if (!(exception instanceof Error)) return String(exception).slice(0, 200);
  return `${exception.name}: ${exception.message.split('\n')[0].slice(0, 200)}`;
}
