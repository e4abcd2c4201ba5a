import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const NOT_SPA = /^\/(api|docs|docs-json|health|metrics|status)(\/|$)/;

/** Whether the built web app is there; without it `/` shows the status page. */
export function hasWebApp(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Static files of the built web app, and index.html for any other GET that asks for HTML outside
 * the API, docs, probes and status page (client-side routes of the single-page app).
 */
export function webApp(dir: string): RequestHandler[] {
  const index = join(dir, 'index.html');
  const fallback: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (NOT_SPA.test(request.path)) return next();
    if (!request.accepts('html') || !(request.headers.accept ?? '').includes('text/html')) return next();
    if (!existsSync(index)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  };
  const assets = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (response, path) => {
      // Vite fingerprints assets, so they may be cached for good; index.html never.
      if (path.includes(`${join(dir, 'assets')}`))
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const staticOutsideApi: RequestHandler = (request, response, next) =>
    NOT_SPA.test(request.path) ? next() : assets(request, response, next);
  return [staticOutsideApi, fallback];
}
