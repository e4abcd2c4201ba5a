/** The same roles as libs/auth's Principal (domain code stays free of the auth lib). */
export const ROLES = ['ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationIds: string[];
  regionId: string | null;
  active: boolean;
  /** Empty while an invited user has not set a password yet (nobody can sign in with it). */
  passwordHash: string;
  /** The `serial` of the one password link that may still set this user's password (the latest issued). */
  passwordLinkId?: string;
  /**
   * Raised when the password is set anew or the role or scope changes: sessions opened under an
   * earlier epoch end at their next refresh, so a reset locks out whoever knew the old password.
   */
  sessionEpoch?: number;
  createdAt: string;
  updatedAt: string;
}

export type PublicUser = Omit<User, 'passwordHash' | 'passwordLinkId' | 'sessionEpoch' | 'createdAt' | 'updatedAt'>;

/** Emails compare case-insensitively: one account per mailbox. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export type ScopeProblem = 'MANAGER_WITHOUT_REGION' | 'STAFF_WITHOUT_ORGANISATION';

/** The scope a role needs, mirroring what libs/auth's verifier refuses in a token. */
export function checkScope(role: Role, organisationIds: string[], regionId: string | null): ScopeProblem | null {
  if (role === 'REGIONAL_MANAGER' && !regionId) return 'MANAGER_WITHOUT_REGION';
  if ((role === 'ORGANISER' || role === 'COACH') && organisationIds.length === 0) return 'STAFF_WITHOUT_ORGANISATION';
  return null;
}

export function toPublic(user: User): PublicUser {
  const { passwordHash: _h, passwordLinkId: _l, sessionEpoch: _e, createdAt: _c, updatedAt: _u, ...rest } = user;
  return rest;
}
