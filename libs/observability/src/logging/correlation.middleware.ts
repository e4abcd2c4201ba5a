import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER, correlation } from './correlation';

/**
 * Runs the rest of the request inside its correlation context, so every log line (including the
 * request log written when the response finishes) and every event the request stores in an
 * outbox carries the same id. Registered with `app.use` before any other middleware.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = correlation.fromIncoming(req.headers[CORRELATION_HEADER]);
  (req as Request & { id?: string }).id = id;
  res.setHeader(CORRELATION_HEADER, id);
  correlation.run(id, next);
}
