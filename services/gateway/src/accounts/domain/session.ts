/**
 * A sign-in session with a rotating refresh token. Only sha-256 hashes are stored. Presenting a
 * token that was already rotated away means it was copied: the whole session is revoked, except
 * within a short grace window right after a rotation (ADR 19): the token just rotated away then
 * answers the same successor again, so requests that raced the rotation keep the session alive.
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
  /** When the current token replaced the previous one (epoch ms); opens the grace window. */
  rotatedAt?: number;
  /**
   * HMAC key deriving each token's successor from the token itself, so every request presenting the
   * same token gets the same successor. Not a token: a successor needs the (unstored) token too.
   * Sessions from before it use their id.
   */
  rotationKey?: string;
}

/** A session outlives a password reset or a change of role or scope only if it was opened after it. */
export function belongsToCurrentEpoch(session: Session, userEpoch: number | undefined): boolean {
  return (session.userEpoch ?? 0) === (userEpoch ?? 0);
}

export type RefreshOutcome =
  | { kind: 'ROTATE'; session: Session }
  /** The token just rotated away, inside the grace window: answer the current successor again; nothing changes. */
  | { kind: 'GRACE' }
  | { kind: 'REUSED'; session: Session }
  | { kind: 'INVALID' };

/** At most this many rotated hashes are kept to recognise reuse (one document stays small). */
export const KEPT_PREVIOUS_HASHES = 50;

/**
 * @param presentedHash sha-256 of the token presented
 * @param successorHash sha-256 of the presented token's successor (derived with `rotationKey`)
 * @param graceMs how long after a rotation the token rotated away still answers its successor
 */
export function refresh(
  session: Session | null,
  presentedHash: string,
  successorHash: string,
  now: number,
  graceMs = 0,
): RefreshOutcome {
  if (!session || session.revoked || session.expiresAt <= now) return { kind: 'INVALID' };
  if (session.currentHash === presentedHash) {
    return {
      kind: 'ROTATE',
      session: {
        ...session,
        currentHash: successorHash,
        previousHashes: [...session.previousHashes, presentedHash].slice(-KEPT_PREVIOUS_HASHES),
        rotatedAt: now,
        version: session.version + 1,
      },
    };
  }
  if (withinGrace(session, presentedHash, successorHash, now, graceMs)) return { kind: 'GRACE' };
  if (session.previousHashes.includes(presentedHash)) {
    return { kind: 'REUSED', session: { ...session, revoked: true, version: session.version + 1 } };
  }
  return { kind: 'INVALID' };
}

/**
 * The presented token is the one the last rotation replaced, that rotation is at most `graceMs`
 * old, and the current token is its successor (no rotation happened since).
 */
function withinGrace(session: Session, presentedHash: string, successorHash: string, now: number, graceMs: number) {
  return (
    graceMs > 0 &&
    session.rotatedAt !== undefined &&
    now - session.rotatedAt <= graceMs &&
    now >= session.rotatedAt &&
    session.previousHashes.at(-1) === presentedHash &&
    session.currentHash === successorHash
  );
}
