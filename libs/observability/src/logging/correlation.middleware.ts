import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER, correlation } from './correlation';

/** Puts the request's correlation id (set by the logger, or taken from the header) in context. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const existing = (req as Request & { id?: unknown }).id;
    const id = typeof existing === 'string' ? existing : correlation.fromIncoming(req.headers[CORRELATION_HEADER]);
    res.setHeader(CORRELATION_HEADER, id);
    correlation.run(id, next);
  }
}
