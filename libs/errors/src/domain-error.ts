/**
 * The kinds of failure the domain can report. Each interface maps a kind to its own protocol
 * (HTTP status, dead-letter reason), so the domain never needs to know about HTTP.
 */
export type DomainErrorKind =
  | 'validation' // the input is malformed or incomplete
  | 'not-found' // the thing does not exist, or the caller may not know it exists
  | 'conflict' // the thing changed meanwhile or already exists
  | 'rule-violation' // well-formed, but a business rule refuses it (a cap, a closed month)
  | 'forbidden'; // the caller is known but may not do this

/**
 * A failure a user can act on, with a stable code (`HOURS.MONTHLY_CAP_EXCEEDED`) that clients may
 * rely on, and optional facts (`alreadyCounted`, `stillAllowed`) that explain it.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly facts: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
