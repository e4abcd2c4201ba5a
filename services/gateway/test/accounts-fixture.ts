import type { Session } from '../src/accounts/domain/session';
import type { ThrottleWindow } from '../src/accounts/domain/sign-in-throttle';
import { User, emailKey } from '../src/accounts/domain/user';
import { AccountError, AccountsService } from '../src/accounts/application/accounts.service';
import type {
  PasswordHasher,
  SessionStore,
  ThrottleStore,
  TokenSigner,
  UserStore,
} from '../src/accounts/application/ports';

/**
 * The set-up shared by the unit specs of the accounts (services/gateway/src/accounts/application):
 * in-memory fakes of the stores, a fast reversible hasher, a signer, and the accounts service on them
 * with a clock the test moves.
 */

export class FakeUsers implements UserStore {
  readonly byKey = new Map<string, User>();
  async create(user: User) {
    if (this.byKey.has(emailKey(user.email))) return 'EXISTS' as const;
    this.byKey.set(emailKey(user.email), user);
    return 'CREATED' as const;
  }
  async byId(id: string) {
    return [...this.byKey.values()].find((user) => user.id === id) ?? null;
  }
  async byEmail(email: string) {
    return this.byKey.get(emailKey(email)) ?? null;
  }
  async list() {
    return [...this.byKey.values()];
  }
  async update(user: User) {
    this.byKey.set(emailKey(user.email), user);
  }
  async count() {
    return this.byKey.size;
  }
}

export class FakeSessions implements SessionStore {
  readonly sessions = new Map<string, Session>();
  async create(session: Session) {
    this.sessions.set(session.id, session);
  }
  async byId(id: string) {
    return this.sessions.get(id) ?? null;
  }
  async replace(session: Session, expectedVersion: number) {
    if (this.sessions.get(session.id)?.version !== expectedVersion) return false;
    this.sessions.set(session.id, session);
    return true;
  }
  async revoke(id: string) {
    const session = this.sessions.get(id);
    if (session) this.sessions.set(id, { ...session, revoked: true, version: session.version + 1 });
  }
  async purgeExpired(before: number) {
    const expired = [...this.sessions.values()].filter((s) => s.expiresAt < before);
    expired.forEach((s) => this.sessions.delete(s.id));
    return expired.length;
  }
}

export class FakeThrottle implements ThrottleStore {
  readonly windows = new Map<string, ThrottleWindow>();
  async hit(key: string, now: number, windowMs: number) {
    const current = this.windows.get(key);
    const next =
      !current || now - current.windowStart >= windowMs
        ? { windowStart: now, count: 1 }
        : { ...current, count: current.count + 1 };
    this.windows.set(key, next);
    return next;
  }
  async forgive(key: string) {
    const current = this.windows.get(key);
    if (current) this.windows.set(key, { ...current, count: Math.max(0, current.count - 1) });
  }
  async clear(key: string) {
    this.windows.delete(key);
  }
  async purgeStale(before: number) {
    const stale = [...this.windows.entries()].filter(([, w]) => w.windowStart < before);
    stale.forEach(([key]) => this.windows.delete(key));
    return stale.length;
  }
}

/** Reversible "hash" so tests stay fast; counts verifications to prove the dummy hash is used. */
export class FakeHasher implements PasswordHasher {
  verifications = 0;
  async hash(password: string) {
    return `hashed:${password}`;
  }
  async verify(hash: string, password: string) {
    this.verifications += 1;
    return hash === `hashed:${password}`;
  }
}

export const signer: TokenSigner = {
  sign: async (claims) => ({ token: `token-for-${claims.sub}-${claims.role}`, expiresIn: 900 }),
};

export const PASSWORD = 'correct horse battery';
export const GRACE_MS = 20_000;

export function setUp() {
  let now = Date.UTC(2026, 0, 10, 9, 0, 0);
  const hasher = new FakeHasher();
  const sessions = new FakeSessions();
  const throttle = new FakeThrottle();
  const accounts = new AccountsService(new FakeUsers(), sessions, throttle, hasher, signer, () => now, {
    refreshTtlMs: 3600_000,
    refreshGraceMs: GRACE_MS,
  });
  return { accounts, hasher, sessions, throttle, advance: (ms: number) => (now += ms) };
}

export const organiser = {
  email: 'An.Peeters@Neteland.be',
  displayName: 'An Peeters',
  password: PASSWORD,
  role: 'ORGANISER' as const,
  organisationIds: ['org-neteland'],
  regionId: 'region-kempen',
};

export async function failure(promise: Promise<unknown>): Promise<AccountError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AccountError)) throw new Error(`expected an AccountError, got ${String(error)}`);
  return error;
}
