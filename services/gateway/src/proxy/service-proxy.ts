import { ACCESS_TOKEN_COOKIE, AuthenticationError, TokenVerifier } from '@stapsteen/auth';
import { CORRELATION_HEADER, PROBLEM_CONTENT_TYPE, problemTypeFor } from '@stapsteen/observability';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { violatesCsrfRule } from '../accounts/interface/cookies';

export interface ProxiedService {
  /** The path segment after /api/. */
  name: string;
  url: string;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function problem(response: ServerResponse, status: number, code: string, detail: string, instance?: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const correlationId = response.getHeader(CORRELATION_HEADER);
  response.statusCode = status;
  response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  response.end(
    JSON.stringify({
      type: problemTypeFor(code),
      title: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Bad Gateway',
      status,
      detail,
      code,
      instance,
      ...(correlationId ? { correlationId } : {}),
    }),
  );
}

type WithToken = Request & { forwardedToken?: string };

/**
 * Refuses calls without a valid token here already (the service checks scope again), and
 * enforces the CSRF rule for cookie-authenticated changes.
 */
function gatekeeper(verifier: TokenVerifier): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const instance = request.originalUrl.split('?')[0];
    if (violatesCsrfRule(request)) {
      problem(
        response,
        403,
        'AUTH.CSRF_HEADER_MISSING',
        'A cookie-authenticated change needs the X-Requested-With: stapsteen-web header.',
        instance,
      );
      return;
    }
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? (request as Request & { cookies?: Record<string, string> }).cookies?.[ACCESS_TOKEN_COOKIE];
    verifier.verify(token).then(
      () => {
        (request as WithToken).forwardedToken = token;
        next();
      },
      (error: unknown) => {
        const code = error instanceof AuthenticationError ? error.code : 'AUTH.TOKEN_INVALID';
        problem(response, 401, code, 'Sign in first: this request carries no valid access token.', instance);
      },
    );
  };
}

/**
 * `/api/<service>/*` → the service, path after the prefix and query kept. Bodies (multipart
 * uploads) and responses (SSE) are streamed by http-proxy, never buffered here: the gateway
 * registers no body parser before these routes.
 */
export function serviceProxies(services: ProxiedService[], verifier: TokenVerifier): Array<[string, RequestHandler[]]> {
  return services.map((service) => [
    `/api/${service.name}`,
    [
      gatekeeper(verifier),
      createProxyMiddleware<Request, Response>({
        target: service.url,
        changeOrigin: true,
        xfwd: true,
        // SSE: no timeout on the upstream response.
        proxyTimeout: 0,
        on: {
          proxyReq: (proxyRequest: ClientRequest, request: Request) => {
            proxyRequest.removeHeader('cookie');
            proxyRequest.setHeader('authorization', `Bearer ${(request as WithToken).forwardedToken ?? ''}`);
            const correlationId = request.headers[CORRELATION_HEADER] ?? request.res?.getHeader(CORRELATION_HEADER);
            if (correlationId) proxyRequest.setHeader(CORRELATION_HEADER, String(correlationId));
          },
          proxyRes: (proxyResponse: IncomingMessage) => {
            // A service never sets cookies for the browser; and SSE must not be buffered by nginx & co.
            delete proxyResponse.headers['set-cookie'];
            if (String(proxyResponse.headers['content-type'] ?? '').startsWith('text/event-stream')) {
              proxyResponse.headers['x-accel-buffering'] = 'no';
            }
          },
          error: (_error: Error, request: IncomingMessage, response: ServerResponse | Socket) => {
            if (!('setHeader' in response)) {
              response.destroy();
              return;
            }
            problem(
              response,
              502,
              'GATEWAY.SERVICE_UNAVAILABLE',
              `The ${service.name} service cannot be reached right now; try again in a moment.`,
              (request as Request).originalUrl?.split('?')[0],
            );
          },
        },
      }),
    ],
  ]);
}
