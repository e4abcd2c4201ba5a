import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { ProblemDetailsFilter } from '@stapsteen/observability';
import type { Response } from 'express';
import { AccountError } from '../application/accounts.service';

/** Turns the use cases' AccountError into problem details (429 with Retry-After). */
@Catch()
export class AccountErrorFilter extends ProblemDetailsFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof AccountError) {
      if (exception.retryAfterSeconds !== undefined) {
        host.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
      return super.catch(
        new HttpException(
          {
            code: exception.code,
            detail: exception.message,
            ...(exception.retryAfterSeconds ? { retryAfterSeconds: exception.retryAfterSeconds } : {}),
          },
          exception.status,
        ),
        host,
      );
    }
    return super.catch(exception, host);
  }
}
