/**
 * A one-time link with which a person sets their own password: an INVITATION for a new user (who has
 * no password yet), a RESET for an existing one. Only the sha-256 of the link's random token is
 * stored (its `id`); the token itself exists only in the link the admin hands over.
 */
export type PasswordLinkKind = 'INVITATION' | 'RESET';

export interface PasswordLink {
  /** sha-256 (hex) of the token. */
  id: string;
  userId: string;
  kind: PasswordLinkKind;
  issuedAt: number;
  expiresAt: number;
  /**
   * The user's `passwordLinkId` when it was issued: a newer link for the same user replaces this
   * one (the user then holds the newer id), so only the latest link a person was given works.
   */
  serial: string;
}

export interface PasswordLinkLifetimes {
  invitationMs: number;
  resetMs: number;
}

/** 72 hours to accept an invitation, one hour for a reset (OWASP Forgot Password: short-lived). */
export const DEFAULT_LINK_LIFETIMES: PasswordLinkLifetimes = { invitationMs: 72 * 3600_000, resetMs: 3600_000 };

export function lifetimeOf(kind: PasswordLinkKind, lifetimes: PasswordLinkLifetimes): number {
  return kind === 'INVITATION' ? lifetimes.invitationMs : lifetimes.resetMs;
}

/** A user who never set a password is invited; anyone else gets a reset. */
export function kindFor(user: { passwordHash: string }): PasswordLinkKind {
  return user.passwordHash ? 'RESET' : 'INVITATION';
}

export type LinkRefusal = 'INVITE_INVALID' | 'INVITE_EXPIRED' | 'INVITE_USED';

/**
 * Whether a presented link may still set a password. `used`: its single use has been claimed
 * already; `holder`: the user it was issued for as stored now (null when gone).
 */
export function judgeLink(
  link: PasswordLink | null,
  used: boolean,
  holder: { active: boolean; passwordLinkId?: string } | null,
  now: number,
): LinkRefusal | null {
  if (!link) return 'INVITE_INVALID';
  if (used) return 'INVITE_USED';
  if (now >= link.expiresAt) return 'INVITE_EXPIRED';
  // A blocked or removed account, or a newer link issued since: this one no longer counts.
  if (!holder || !holder.active || holder.passwordLinkId !== link.serial) return 'INVITE_INVALID';
  return null;
}
