import type { PasswordLink, PasswordLinkKind } from '../domain/password-link';
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

export const PASSWORD_LINK_STORE = Symbol('PASSWORD_LINK_STORE');
export const MAIL_PORT = Symbol('MAIL_PORT');

export interface PasswordLinkStore {
  create(link: PasswordLink): Promise<void>;
  /** By the sha-256 of its token. */
  byId(id: string): Promise<PasswordLink | null>;
  /** Whether the link's single use has been claimed. */
  isUsed(id: string): Promise<boolean>;
  /**
   * Claims the link's single use atomically, on FerretDB as on MongoDB (an insert of a unique _id,
   * never a conditional update): exactly one of any number of racing claims gets 'CLAIMED'.
   */
  claim(link: PasswordLink, now: number): Promise<'CLAIMED' | 'TAKEN'>;
  /** Deletes the links (and their use marks) that expired before `before`, answering how many. */
  purgeExpired(before: number): Promise<number>;
}

/** What a mailer needs to send someone their link; the deployment may supply a real mailer. */
export interface PasswordLinkMessage {
  userId: string;
  email: string;
  displayName: string;
  kind: PasswordLinkKind;
  /** Path and query of the link (`/wachtwoord-instellen?token=…`); the mailer knows the public address. */
  path: string;
  expiresAt: string;
}

export interface MailPort {
  passwordLinkIssued(message: PasswordLinkMessage): Promise<void>;
}
