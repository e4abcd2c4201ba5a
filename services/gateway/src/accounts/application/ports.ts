import type { Session } from '../domain/session';
import type { ThrottleWindow } from '../domain/sign-in-throttle';
import type { User } from '../domain/user';

export const USER_STORE = Symbol('USER_STORE');
export const SESSION_STORE = Symbol('SESSION_STORE');
export const THROTTLE_STORE = Symbol('THROTTLE_STORE');
export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');
export const TOKEN_SIGNER = Symbol('TOKEN_SIGNER');
export const CLOCK = Symbol('CLOCK');

export interface UserStore {
  /** Fails with 'EXISTS' when the email (case-insensitive) is taken. */
  create(user: User): Promise<'CREATED' | 'EXISTS'>;
  byId(id: string): Promise<User | null>;
  byEmail(email: string): Promise<User | null>;
  list(): Promise<User[]>;
  update(user: User): Promise<void>;
  count(): Promise<number>;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  byId(id: string): Promise<Session | null>;
  /** Writes only if the stored version is `expectedVersion`; false when someone else won. */
  replace(session: Session, expectedVersion: number): Promise<boolean>;
  revoke(id: string): Promise<void>;
  /** Deletes the sessions that ended before `before` (expired), answering how many. */
  purgeExpired(before: number): Promise<number>;
}

export interface ThrottleStore {
  /** Atomically counts one attempt for the key (new window when the old one ran out) and returns it. */
  hit(key: string, now: number, windowMs: number): Promise<ThrottleWindow>;
  /** Takes one counted attempt back (a successful sign-in is not a failure). */
  forgive(key: string): Promise<void>;
  clear(key: string): Promise<void>;
  /** Deletes the counters whose window started before `before`, answering how many. */
  purgeStale(before: number): Promise<number>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface AccessClaims {
  sub: string;
  role: string;
  orgIds: string[];
  regionId: string | null;
}

export interface TokenSigner {
  sign(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
}

export type Clock = () => number;
