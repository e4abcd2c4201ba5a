import type { DomainErrorKind } from '@stapsteen/errors';

/** RFC 9457 problem details, with our stable `code` and the request's `correlationId`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  correlationId?: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEM_BASE = 'https://stapsteen.be/problems/';

export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rule-violation': 422,
};

const TITLES: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'The request is too large',
  422: 'Refused by a business rule',
  429: 'Too many requests',
  500: 'Unexpected error',
  503: 'Temporarily unavailable',
};

export function problemTypeFor(code: string): string {
  return PROBLEM_BASE + code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? TITLES[500] : 'Request failed');
}
