import { checkPassword } from '../domain/password-policy';
import type { Session } from '../domain/session';
import { decide } from '../domain/sign-in-throttle';
import type { ThrottleWindow } from '../domain/sign-in-throttle';
import { User, emailKey } from '../domain/user';
import { AccountError, AccountsService } from './accounts.service';
import type { PasswordHasher, SessionStore, ThrottleStore, TokenSigner, UserStore } from './ports';

class FakeUsers implements UserStore {
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

class FakeSessions implements SessionStore {
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

class FakeThrottle implements ThrottleStore {
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
class FakeHasher implements PasswordHasher {
  verifications = 0;
  async hash(password: string) {
    return `hashed:${password}`;
  }
  async verify(hash: string, password: string) {
    this.verifications += 1;
    return hash === `hashed:${password}`;
  }
}

const signer: TokenSigner = {
  sign: async (claims) => ({ token: `token-for-${claims.sub}-${claims.role}`, expiresIn: 900 }),
};

const PASSWORD = 'correct horse battery';
const GRACE_MS = 20_000;

function setUp() {
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

const organiser = {
  email: 'An.Peeters@Neteland.be',
  displayName: 'An Peeters',
  password: PASSWORD,
  role: 'ORGANISER' as const,
  organisationIds: ['org-neteland'],
  regionId: 'region-kempen',
};

async function failure(promise: Promise<unknown>): Promise<AccountError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AccountError)) throw new Error(`expected an AccountError, got ${String(error)}`);
  return error;
}

describe('the password policy', () => {
  it('refuses fewer than 12 characters and accepts 12', () => {
    expect(checkPassword('elf tekens!')).toBe('TOO_SHORT');
    expect(checkPassword('twaalf teken')).toBeNull();
  });

  it('counts characters as people do, refuses blanks and more than 128 characters', () => {
    expect(checkPassword('😀'.repeat(11))).toBe('TOO_SHORT');
    expect(checkPassword(' '.repeat(20))).toBe('BLANK');
    expect(checkPassword('a'.repeat(129))).toBe('TOO_LONG');
  });

  it('is applied when an admin creates a user', async () => {
    const { accounts } = setUp();
    expect((await failure(accounts.createUser({ ...organiser, password: 'kort' }))).code).toBe(
      'GATEWAY.PASSWORD_TOO_SHORT',
    );
  });
});

describe('the sign-in throttle', () => {
  it('allows five counted attempts in a window and refuses the sixth until the window runs out', () => {
    const start = 1_000_000;
    expect(decide({ windowStart: start, count: 5 }, start + 1000)).toEqual({ allowed: true });
    expect(decide({ windowStart: start, count: 6 }, start + 60_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 840,
    });
    expect(decide({ windowStart: start, count: 6 }, start + 15 * 60_000)).toEqual({ allowed: true });
  });

  it('refuses the sixth failed sign-in with 429 and a Retry-After, even with the right password', async () => {
    const { accounts } = setUp();
    await accounts.createUser(organiser);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await failure(accounts.signIn(organiser.email, 'wrong password!', '10.0.0.1', true))).code).toBe(
        'AUTH.INVALID_CREDENTIALS',
      );
    }
    const refused = await failure(accounts.signIn(organiser.email, PASSWORD, '10.0.0.1', true));
    expect(refused).toMatchObject({ code: 'AUTH.TOO_MANY_ATTEMPTS', status: 429 });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('refuses an IP address after 20 failures across different emails, but not after successes', async () => {
    const { accounts } = setUp();
    await accounts.createUser(organiser);
    for (let i = 0; i < 30; i++) await accounts.signIn(organiser.email, PASSWORD, '10.0.0.9', false);
    for (let i = 0; i < 20; i++)
      await failure(accounts.signIn(`user${i}@neteland.be`, 'wrong password!', '10.0.0.9', false));
    expect((await failure(accounts.signIn(organiser.email, PASSWORD, '10.0.0.9', false))).code).toBe(
      'AUTH.TOO_MANY_ATTEMPTS',
    );
    expect((await accounts.signIn(organiser.email, PASSWORD, '10.0.0.10', false)).user.email).toBe(organiser.email);
  });

  it('lets the person in again once the window has passed', async () => {
    const { accounts, advance } = setUp();
    await accounts.createUser(organiser);
    for (let attempt = 1; attempt <= 6; attempt++)
      await failure(accounts.signIn(organiser.email, 'nope nope nope', '10.0.0.2', true));
    advance(15 * 60_000);
    expect((await accounts.signIn(organiser.email, PASSWORD, '10.0.0.3', true)).user.email).toBe(organiser.email);
  });

  it('answers an unknown email exactly as a wrong password, after one password verification', async () => {
    const { accounts, hasher } = setUp();
    await accounts.createUser(organiser);
    const before = hasher.verifications;
    const unknown = await failure(accounts.signIn('nobody@neteland.be', PASSWORD, '10.0.0.4', true));
    const wrong = await failure(accounts.signIn(organiser.email, 'wrong password!', '10.0.0.4', true));
    expect({ code: unknown.code, status: unknown.status, message: unknown.message }).toEqual({
      code: wrong.code,
      status: wrong.status,
      message: wrong.message,
    });
    expect(hasher.verifications - before).toBe(2);
  });
});

describe('sessions with rotating refresh tokens', () => {
  it('finds the account whatever the case of the email and refuses a second account for it', async () => {
    const { accounts } = setUp();
    await accounts.createUser(organiser);
    expect((await accounts.signIn('an.peeters@neteland.be', PASSWORD, '10.0.1.1', false)).accessToken).toContain(
      'ORGANISER',
    );
    expect((await failure(accounts.createUser({ ...organiser, email: 'AN.PEETERS@neteland.be' }))).code).toBe(
      'GATEWAY.USER_EXISTS',
    );
  });

  it('rotates the refresh token and stores only its hash', async () => {
    const { accounts, sessions } = setUp();
    await accounts.createUser(organiser);
    const signedIn = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.2', true);
    const rotated = await accounts.refresh(signedIn.refreshToken);
    expect(rotated.refreshToken).not.toEqual(signedIn.refreshToken);
    const stored = JSON.stringify([...sessions.sessions.values()]);
    expect(stored).not.toContain(signedIn.refreshToken!.split('.')[1]);
    expect(stored).not.toContain(rotated.refreshToken!.split('.')[1]);
    expect((await accounts.refresh(rotated.refreshToken)).user.email).toBe(organiser.email);
  });

  it('revokes the whole session when a rotated refresh token is used again after the grace window', async () => {
    const { accounts, advance } = setUp();
    await accounts.createUser(organiser);
    const signedIn = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.3', true);
    const rotated = await accounts.refresh(signedIn.refreshToken);
    advance(GRACE_MS + 1);
    expect((await failure(accounts.refresh(signedIn.refreshToken))).code).toBe('AUTH.REFRESH_REUSED');
    // The thief's reuse also ends the legitimate holder's newest token.
    expect((await failure(accounts.refresh(rotated.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
  });

  it('ends the session at sign-out and after it expires', async () => {
    const { accounts, advance } = setUp();
    await accounts.createUser(organiser);
    const first = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.4', true);
    await accounts.signOut(first.refreshToken);
    expect((await failure(accounts.refresh(first.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
    const second = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.4', true);
    advance(3600_000);
    expect((await failure(accounts.refresh(second.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
  });

  it('refuses a deactivated user at sign-in and at refresh', async () => {
    const { accounts } = setUp();
    const user = await accounts.createUser(organiser);
    const signedIn = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.5', true);
    await accounts.updateUser(user.id, { active: false });
    expect((await failure(accounts.refresh(signedIn.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
    expect((await failure(accounts.signIn(organiser.email, PASSWORD, '10.0.1.5', true))).code).toBe(
      'AUTH.INVALID_CREDENTIALS',
    );
  });

  it('ends every open session when an admin sets a new password, but not the next sign-in', async () => {
    const { accounts } = setUp();
    const user = await accounts.createUser(organiser);
    const laptop = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.6', true);
    const tablet = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.6', true);
    const newPassword = 'een nieuw lang wachtwoord';
    await accounts.setPassword(user.id, newPassword);
    expect((await failure(accounts.refresh(laptop.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
    expect((await failure(accounts.refresh(tablet.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
    expect((await failure(accounts.signIn(organiser.email, PASSWORD, '10.0.1.6', true))).code).toBe(
      'AUTH.INVALID_CREDENTIALS',
    );
    const fresh = await accounts.signIn(organiser.email, newPassword, '10.0.1.6', true);
    expect((await accounts.refresh(fresh.refreshToken)).user.id).toBe(user.id);
  });

  it('ends open sessions when the role or the scope changes, not when only the name does', async () => {
    const { accounts } = setUp();
    const user = await accounts.createUser(organiser);
    const before = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.7', true);
    await accounts.updateUser(user.id, { displayName: 'An Peeters-Janssens' });
    const renamed = await accounts.refresh(before.refreshToken);
    expect(renamed.user.displayName).toBe('An Peeters-Janssens');
    await accounts.updateUser(user.id, { organisationIds: ['org-herentals'] });
    expect((await failure(accounts.refresh(renamed.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
    const after = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.7', true);
    expect((await accounts.refresh(after.refreshToken)).user.organisationIds).toEqual(['org-herentals']);
  });

  it('deletes sessions a refresh lifetime after they expired and sign-in counters a day old, nothing current', async () => {
    const { accounts, sessions, throttle, advance } = setUp();
    await accounts.createUser(organiser);
    const old = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.8', true);
    await accounts.signIn('nobody@neteland.be', 'wrong password here', '10.0.1.9', false).catch(() => undefined);
    advance(2 * 3600_000 + 1);
    const current = await accounts.signIn(organiser.email, PASSWORD, '10.0.1.8', true);
    expect(await accounts.purge()).toEqual({ sessions: 1, throttleWindows: 0 });
    expect(sessions.sessions.has(old.refreshToken!.split('.')[0])).toBe(false);
    expect((await accounts.refresh(current.refreshToken)).user.email).toBe(organiser.email);
    // Left: the wrong email's counter, its IP's and the organiser's IP's (a success clears only the email's).
    expect(throttle.windows.size).toBe(3);
    advance(24 * 3600_000 + 1);
    expect((await accounts.purge()).throttleWindows).toBe(3);
    expect(throttle.windows.size).toBe(0);
  });

  it('requires a region for a manager and an organisation for staff', async () => {
    const { accounts } = setUp();
    expect((await failure(accounts.createUser({ ...organiser, role: 'REGIONAL_MANAGER', regionId: null }))).code).toBe(
      'GATEWAY.MANAGER_WITHOUT_REGION',
    );
    expect((await failure(accounts.createUser({ ...organiser, organisationIds: [] }))).code).toBe(
      'GATEWAY.STAFF_WITHOUT_ORGANISATION',
    );
  });

  it('creates the bootstrap admin only when there are no users', async () => {
    const { accounts } = setUp();
    expect(await accounts.bootstrapAdmin('admin@stapsteen.be', PASSWORD)).toBe(true);
    expect(await accounts.bootstrapAdmin('other@stapsteen.be', PASSWORD)).toBe(false);
    expect((await accounts.listUsers()).map((user) => user.role)).toEqual(['ADMIN']);
  });
});

describe('the grace window after a refresh-token rotation (ADR 19)', () => {
  async function signedInSession() {
    const context = setUp();
    await context.accounts.createUser(organiser);
    const signedIn = await context.accounts.signIn(organiser.email, PASSWORD, '10.0.2.1', true);
    return { ...context, token: signedIn.refreshToken! };
  }

  it('lets calls that refresh with the same token at once all keep the session, with one new token', async () => {
    const { accounts, sessions, token } = await signedInSession();
    const answers = await Promise.all(Array.from({ length: 5 }, () => accounts.refresh(token)));
    const newTokens = new Set(answers.map((answer) => answer.refreshToken));
    expect(newTokens.size).toBe(1);
    expect([...newTokens][0]).not.toBe(token);
    const [session] = [...sessions.sessions.values()];
    expect(session.revoked).toBe(false);
    expect((await accounts.refresh([...newTokens][0])).user.email).toBe(organiser.email);
  });

  it('answers the token just rotated away, inside the window, with the same new token and keeps it valid', async () => {
    const { accounts, sessions, advance, token } = await signedInSession();
    const rotated = await accounts.refresh(token);
    advance(GRACE_MS);
    const again = await accounts.refresh(token);
    expect(again.refreshToken).toBe(rotated.refreshToken);
    expect(again.accessToken).toBe('token-for-' + again.user.id + '-ORGANISER');
    expect([...sessions.sessions.values()][0].revoked).toBe(false);
    const next = await accounts.refresh(rotated.refreshToken);
    expect(next.refreshToken).not.toBe(rotated.refreshToken);
  });

  it('revokes the session when the token rotated away comes back after the window', async () => {
    const { accounts, sessions, advance, token } = await signedInSession();
    const rotated = await accounts.refresh(token);
    advance(GRACE_MS + 1);
    expect((await failure(accounts.refresh(token))).code).toBe('AUTH.REFRESH_REUSED');
    expect([...sessions.sessions.values()][0].revoked).toBe(true);
    expect((await failure(accounts.refresh(rotated.refreshToken))).code).toBe('AUTH.REFRESH_INVALID');
  });

  it('revokes the session when an older token comes back, even inside the window', async () => {
    const { accounts, sessions, token } = await signedInSession();
    const second = await accounts.refresh(token);
    await accounts.refresh(second.refreshToken);
    // `token` was rotated away two rotations ago: that is reuse, not a race.
    expect((await failure(accounts.refresh(token))).code).toBe('AUTH.REFRESH_REUSED');
    expect([...sessions.sessions.values()][0].revoked).toBe(true);
  });

  it('gives no grace when it is turned off: a token rotated away revokes the session at once', async () => {
    let now = Date.UTC(2026, 0, 10, 9, 0, 0);
    const sessions = new FakeSessions();
    const accounts = new AccountsService(
      new FakeUsers(),
      sessions,
      new FakeThrottle(),
      new FakeHasher(),
      signer,
      () => now,
      {
        refreshTtlMs: 3600_000,
        refreshGraceMs: 0,
      },
    );
    await accounts.createUser(organiser);
    const { refreshToken } = await accounts.signIn(organiser.email, PASSWORD, '10.0.2.2', true);
    await accounts.refresh(refreshToken);
    now += 1;
    expect((await failure(accounts.refresh(refreshToken))).code).toBe('AUTH.REFRESH_REUSED');
  });

  it('still ends the session at sign-out, for the token rotated away too', async () => {
    const { accounts, token } = await signedInSession();
    const rotated = await accounts.refresh(token);
    await accounts.signOut(rotated.refreshToken);
    expect((await failure(accounts.refresh(token))).code).toBe('AUTH.REFRESH_INVALID');
  });
});
