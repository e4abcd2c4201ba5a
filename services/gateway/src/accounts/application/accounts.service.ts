import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { checkPassword } from '../domain/password-policy';
import { RefreshOutcome, Session, belongsToCurrentEpoch, refresh } from '../domain/session';
import { SIGN_IN_IP_RULE, SIGN_IN_RULE, ThrottleRule, clientAddressKey, decide } from '../domain/sign-in-throttle';
import { PublicUser, Role, User, checkScope, emailKey, toPublic } from '../domain/user';
import type { Clock, PasswordHasher, SessionStore, ThrottleStore, TokenSigner, UserStore } from './ports';

export interface AccountsSettings {
  refreshTtlMs: number;
  /**
   * How long after a rotation the token rotated away still answers the same successor (ADR 19), so
   * calls that raced the rotation do not end the session as "reused". 0 turns the grace off.
   */
  refreshGraceMs?: number;
  emailRule?: ThrottleRule;
  ipRule?: ThrottleRule;
}

export interface Tokens {
  user: PublicUser;
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The refresh token that replaces `token`: the same for every request presenting it, so calls that
 * race one rotation agree on the result, and unguessable without `token` itself.
 */
function successorOf(session: Session, token: string): string {
  const key = session.rotationKey ?? session.id;
  return `${session.id}.${createHmac('sha256', key).update(token).digest('base64url')}`;
}

export class AccountError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Sign-in counters are kept a day after their window started, longer than any throttle window. */
const STALE_THROTTLE_WINDOW_MS = 24 * 3600_000;

const invalidCredentials = () =>
  new AccountError('AUTH.INVALID_CREDENTIALS', 401, 'The email address or the password is not right.');

export interface NewUser {
  email: string;
  displayName: string;
  /** Left out: the user gets no password and sets one through an invitation link. */
  password?: string;
  role: Role;
  organisationIds: string[];
  regionId: string | null;
}

export type UserChanges = Partial<Pick<User, 'displayName' | 'role' | 'organisationIds' | 'regionId' | 'active'>>;

/** Sign-in, sessions and user management; framework-free, tested with in-memory fakes. */
export class AccountsService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    private readonly throttle: ThrottleStore,
    private readonly hasher: PasswordHasher,
    private readonly signer: TokenSigner,
    private readonly clock: Clock,
    private readonly settings: AccountsSettings,
  ) {}

  /** Checks the credentials; `withSession` also opens a session with a refresh token (the web app). */
  async signIn(email: string, password: string, ip: string, withSession: boolean): Promise<Tokens> {
    const now = this.clock();
    const keys = [`email:${sha256(emailKey(email))}`, `ip:${clientAddressKey(ip)}`];
    const rules = [this.settings.emailRule ?? SIGN_IN_RULE, this.settings.ipRule ?? SIGN_IN_IP_RULE];
    const windows = await Promise.all(keys.map((key, i) => this.throttle.hit(key, now, rules[i].windowMs)));
    for (const [i, window] of windows.entries()) {
      const decision = decide(window, now, rules[i]);
      if (!decision.allowed) {
        throw new AccountError(
          'AUTH.TOO_MANY_ATTEMPTS',
          429,
          'Too many sign-in attempts; try again later.',
          decision.retryAfterSeconds,
        );
      }
    }
    const user = await this.users.byEmail(email);
    // An unknown email, or an invited user without a password yet, costs one argon2 verification
    // too, so the answer time tells nothing.
    const ok = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, password)
      : (await this.hasher.verify(await this.dummy(), password), false);
    if (!user || !ok || !user.active) throw invalidCredentials();
    // A successful sign-in forgives the email's earlier failures and is no failure of the IP.
    await Promise.all([this.throttle.clear(keys[0]), this.throttle.forgive(keys[1])]);
    return this.issue(user, withSession);
  }

  async refresh(refreshToken: string | undefined): Promise<Tokens> {
    const invalid = () => new AccountError('AUTH.REFRESH_INVALID', 401, 'The session has ended; sign in again.');
    const reused = () =>
      new AccountError('AUTH.REFRESH_REUSED', 401, 'This sign-in was used elsewhere; sign in again.');
    const [sessionId] = (refreshToken ?? '').split('.');
    if (!refreshToken || !sessionId) throw invalid();
    const decide = (session: Session | null): { outcome: RefreshOutcome; successor: string } => {
      const successor = session ? successorOf(session, refreshToken) : '';
      const outcome = refresh(
        session,
        sha256(refreshToken),
        sha256(successor),
        this.clock(),
        this.settings.refreshGraceMs ?? 0,
      );
      return { outcome, successor };
    };
    let session = await this.sessions.byId(sessionId);
    let { outcome, successor } = decide(session);
    // Two calls refreshing with the same token at once: both derive the same successor, one wins
    // the write; the other finds the rotation done and, inside the grace window, answers the same.
    if (outcome.kind === 'ROTATE' && session && !(await this.sessions.replace(outcome.session, session.version))) {
      session = await this.sessions.byId(sessionId);
      ({ outcome, successor } = decide(session));
      if (outcome.kind === 'ROTATE') outcome = { kind: 'INVALID' };
    }
    if (outcome.kind === 'INVALID' || !session) throw invalid();
    if (outcome.kind === 'REUSED') {
      await this.sessions.revoke(session.id);
      throw reused();
    }
    const user = await this.users.byId(session.userId);
    if (!user || !user.active || !belongsToCurrentEpoch(session, user.sessionEpoch)) {
      await this.sessions.revoke(session.id);
      throw invalid();
    }
    const access = await this.signer.sign(claimsOf(user));
    return { user: toPublic(user), accessToken: access.token, expiresIn: access.expiresIn, refreshToken: successor };
  }

  async signOut(refreshToken: string | undefined): Promise<void> {
    const [sessionId] = (refreshToken ?? '').split('.');
    if (!sessionId) return;
    const session = await this.sessions.byId(sessionId);
    // Only the holder of the current token may end the session, so a guessed id cannot.
    if (session && refreshToken && session.currentHash === sha256(refreshToken)) await this.sessions.revoke(session.id);
  }

  async me(userId: string): Promise<PublicUser> {
    const user = await this.users.byId(userId);
    if (!user || !user.active) throw new AccountError('AUTH.TOKEN_INVALID', 401, 'This account no longer exists.');
    return toPublic(user);
  }

  /** Every user, and whether they have set a password yet (an invited user has not). */
  async listUsers(): Promise<Array<PublicUser & { passwordSet: boolean }>> {
    return (await this.users.list()).map((user) => ({ ...toPublic(user), passwordSet: user.passwordHash !== '' }));
  }

  async createUser(input: NewUser): Promise<PublicUser> {
    if (input.password !== undefined) this.assertPassword(input.password);
    this.assertScope(input.role, input.organisationIds, input.regionId);
    const now = new Date(this.clock()).toISOString();
    const user: User = {
      id: randomUUID(),
      email: input.email.trim(),
      displayName: input.displayName.trim(),
      role: input.role,
      organisationIds: [...new Set(input.organisationIds)],
      regionId: input.regionId ?? null,
      active: true,
      passwordHash: input.password === undefined ? '' : await this.hasher.hash(input.password),
      createdAt: now,
      updatedAt: now,
    };
    if ((await this.users.create(user)) === 'EXISTS') {
      throw new AccountError('GATEWAY.USER_EXISTS', 409, 'A user with this email address already exists.');
    }
    return toPublic(user);
  }

  async updateUser(id: string, changes: UserChanges): Promise<PublicUser> {
    const user = await this.requireUser(id);
    const next: User = {
      ...user,
      ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
      updatedAt: new Date(this.clock()).toISOString(),
    };
    this.assertScope(next.role, next.organisationIds, next.regionId);
    if (accessChanged(user, next)) next.sessionEpoch = (user.sessionEpoch ?? 0) + 1;
    await this.users.update(next);
    return toPublic(next);
  }

  async setPassword(id: string, password: string): Promise<void> {
    this.assertPassword(password);
    const user = await this.requireUser(id);
    // A password set here also voids any password link still out for this user.
    const { passwordLinkId: _voided, ...rest } = user;
    await this.users.update({
      ...rest,
      passwordHash: await this.hasher.hash(password),
      sessionEpoch: (user.sessionEpoch ?? 0) + 1,
      updatedAt: new Date(this.clock()).toISOString(),
    });
  }

  /** Opens a web session for a user who just proved who they are another way (a password link). */
  async openSession(userId: string): Promise<Tokens> {
    const user = await this.users.byId(userId);
    if (!user || !user.active) throw new AccountError('AUTH.TOKEN_INVALID', 401, 'This account no longer exists.');
    return this.issue(user, true);
  }

  /**
   * Deletes what no longer counts: sessions past their expiry (a grace of one refresh lifetime keeps
   * a just-expired token answering "session ended" rather than "unknown") and sign-in counters whose
   * window ran out a day ago. Personal data is kept no longer than it is of use.
   */
  async purge(): Promise<{ sessions: number; throttleWindows: number }> {
    const now = this.clock();
    const [sessions, throttleWindows] = await Promise.all([
      this.sessions.purgeExpired(now - this.settings.refreshTtlMs),
      this.throttle.purgeStale(now - STALE_THROTTLE_WINDOW_MS),
    ]);
    return { sessions, throttleWindows };
  }

  /** Creates the first admin from configuration when the gateway has no users yet. */
  async bootstrapAdmin(email: string | undefined, password: string | undefined): Promise<boolean> {
    if (!email || !password || (await this.users.count()) > 0) return false;
    await this.createUser({
      email,
      password,
      displayName: 'Beheerder',
      role: 'ADMIN',
      organisationIds: [],
      regionId: null,
    });
    return true;
  }

  private async issue(user: User, withSession: boolean): Promise<Tokens> {
    const access = await this.signer.sign(claimsOf(user));
    if (!withSession) return { user: toPublic(user), accessToken: access.token, expiresIn: access.expiresIn };
    const id = randomUUID();
    const refreshToken = `${id}.${randomBytes(32).toString('base64url')}`;
    await this.sessions.create({
      id,
      userId: user.id,
      currentHash: sha256(refreshToken),
      previousHashes: [],
      expiresAt: this.clock() + this.settings.refreshTtlMs,
      revoked: false,
      version: 0,
      userEpoch: user.sessionEpoch ?? 0,
      rotationKey: randomBytes(32).toString('base64url'),
    });
    return { user: toPublic(user), accessToken: access.token, expiresIn: access.expiresIn, refreshToken };
  }

  private async requireUser(id: string): Promise<User> {
    const user = await this.users.byId(id);
    if (!user) throw new AccountError('GATEWAY.USER_NOT_FOUND', 404, 'There is no user with this id.');
    return user;
  }

  private assertPassword(password: string): void {
    assertPassword(password);
  }

  private assertScope(role: Role, organisationIds: string[], regionId: string | null): void {
    const problem = checkScope(role, organisationIds, regionId);
    if (problem)
      throw new AccountError(
        `GATEWAY.${problem}`,
        422,
        'A regional manager needs a region; staff need an organisation.',
      );
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(randomBytes(24).toString('base64url'));
    return this.dummyHash;
  }
}

/** Refuses a password outside the policy with GATEWAY.PASSWORD_TOO_SHORT / _TOO_LONG / _BLANK. */
export function assertPassword(password: string): void {
  const problem = checkPassword(password);
  if (problem) {
    throw new AccountError(
      `GATEWAY.PASSWORD_${problem}`,
      422,
      'A password needs at least 12 and at most 128 characters.',
    );
  }
}

/** A narrowed role or scope must not live on in a session opened before the change. */
function accessChanged(before: User, after: User): boolean {
  const sameOrganisations =
    before.organisationIds.length === after.organisationIds.length &&
    before.organisationIds.every((id) => after.organisationIds.includes(id));
  return before.role !== after.role || before.regionId !== after.regionId || !sameOrganisations;
}

function claimsOf(user: User) {
  return { sub: user.id, role: user.role, orgIds: user.organisationIds, regionId: user.regionId };
}
