/**
 * A sign-in session with a rotating refresh token. Only sha-256 hashes are stored. Presenting a
 * token that was already rotated away means it was copied: the whole session is revoked.
 */
export interface Session {
  id: string;
  userId: string;
  currentHash: string;
  previousHashes: string[];
  expiresAt: number;
  revoked: boolean;
  version: number;
  /** The user's `sessionEpoch` when the session opened (absent on sessions from before epochs: 0). */
  userEpoch?: number;
}

/** A session outlives a password reset or a change of role or scope only if it was opened after it. */
export function belongsToCurrentEpoch(session: Session, userEpoch: number | undefined): boolean {
  return (session.userEpoch ?? 0) === (userEpoch ?? 0);
}

export type RefreshOutcome =
  { kind: 'ROTATE'; session: Session } | { kind: 'REUSED'; session: Session } | { kind: 'INVALID' };

/** At most this many rotated hashes are kept to recognise reuse (one document stays small). */
export const KEPT_PREVIOUS_HASHES = 50;

export function refresh(session: Session | null, presentedHash: string, newHash: string, now: number): RefreshOutcome {
  if (!session || session.revoked || session.expiresAt <= now) return { kind: 'INVALID' };
  if (session.previousHashes.includes(presentedHash)) {
    return { kind: 'REUSED', session: { ...session, revoked: true, version: session.version + 1 } };
  }
  if (session.currentHash !== presentedHash) return { kind: 'INVALID' };
  return {
    kind: 'ROTATE',
    session: {
      ...session,
      currentHash: newHash,
      previousHashes: [...session.previousHashes, presentedHash].slice(-KEPT_PREVIOUS_HASHES),
      version: session.version + 1,
    },
  };
}
