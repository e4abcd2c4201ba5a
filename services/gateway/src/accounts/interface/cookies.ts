import { ACCESS_TOKEN_COOKIE } from '@stapsteen/auth';
import type { CookieOptions, Request, Response } from 'express';

export const REFRESH_TOKEN_COOKIE = 'stapsteen_rt';
export const REFRESH_COOKIE_PATH = '/api/auth';
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'stapsteen-web';

export interface CookieSettings {
  secure: boolean;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

const base = (settings: CookieSettings): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  secure: settings.secure,
});

export function setSessionCookies(
  response: Response,
  settings: CookieSettings,
  accessToken: string,
  refreshToken: string | undefined,
): void {
  response.cookie(ACCESS_TOKEN_COOKIE, accessToken, {
    ...base(settings),
    path: '/',
    maxAge: settings.accessTtlSeconds * 1000,
  });
  if (refreshToken) {
    response.cookie(REFRESH_TOKEN_COOKIE, refreshToken, {
      ...base(settings),
      path: REFRESH_COOKIE_PATH,
      maxAge: settings.refreshTtlSeconds * 1000,
    });
  }
}

export function clearSessionCookies(response: Response, settings: CookieSettings): void {
  response.clearCookie(ACCESS_TOKEN_COOKIE, { ...base(settings), path: '/' });
  response.clearCookie(REFRESH_TOKEN_COOKIE, { ...base(settings), path: REFRESH_COOKIE_PATH });
}

export function cookie(request: Request, name: string): string | undefined {
  const value = (request as Request & { cookies?: Record<string, unknown> }).cookies?.[name];
  return typeof value === 'string' ? value : undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The CSRF rule: a state-changing request that a browser could authenticate with our cookies
 * (no bearer header, a session cookie present) must carry `X-Requested-With: stapsteen-web`,
 * which a cross-site form cannot set. Bearer clients are not affected.
 */
export function violatesCsrfRule(request: Request): boolean {
  if (!UNSAFE.has(request.method)) return false;
  if (/^Bearer\s/i.test(request.headers.authorization ?? '')) return false;
  const cookies = request.headers.cookie ?? '';
  const hasSessionCookie = cookies.includes(`${ACCESS_TOKEN_COOKIE}=`) || cookies.includes(`${REFRESH_TOKEN_COOKIE}=`);
  if (!hasSessionCookie) return false;
  return request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE;
}
