import { randomBytes, randomUUID } from 'node:crypto';
import {
  DEFAULT_LINK_LIFETIMES,
  LinkRefusal,
  PasswordLink,
  PasswordLinkKind,
  PasswordLinkLifetimes,
  judgeLink,
  kindFor,
  lifetimeOf,
} from '../domain/password-link';
import { SIGN_IN_IP_RULE, ThrottleRule, clientAddressKey, decide } from '../domain/sign-in-throttle';
import type { User } from '../domain/user';
import { AccountError, assertPassword, sha256 } from './accounts.service';
import type { Clock, MailPort, PasswordHasher, PasswordLinkStore, ThrottleStore, UserStore } from './ports';

/** The web app's public screen that takes the token. */
export const SET_PASSWORD_PATH = '/wachtwoord-instellen';

/** Expired links are kept a week, so a late click still hears "expired" rather than "unknown". */
export const EXPIRED_LINK_KEPT_MS = 7 * 24 * 3600_000;

export interface IssuedLink {
  kind: PasswordLinkKind;
  /** `/wachtwoord-instellen?token=…`: shown once, never stored (only the token's sha-256 is). */
  path: string;
  expiresAt: string;
}

export interface PasswordLinkSettings {
  lifetimes?: PasswordLinkLifetimes;
  /** Attempts per client address, the same bar as sign-in's per-IP rule. */
  ipRule?: ThrottleRule;
}

const REFUSALS: Record<LinkRefusal, { status: number; message: string }> = {
  INVITE_INVALID: { status: 404, message: 'This link is not (or no longer) valid; ask for a new one.' },
  INVITE_EXPIRED: { status: 410, message: 'This link has expired; ask for a new one.' },
  INVITE_USED: { status: 409, message: 'This link was used already; sign in or ask for a new one.' },
};

const refused = (refusal: LinkRefusal) =>
  new AccountError(`AUTH.${refusal}`, REFUSALS[refusal].status, REFUSALS[refusal].message);

/**
 * Invitation and reset links (ADR 20): the admin issues one, the person opens it and sets their own
 * password. A token is 256 random bits, stored only as its sha-256, used once, and expires.
 */
export class PasswordLinksService {
  constructor(
    private readonly users: UserStore,
    private readonly links: PasswordLinkStore,
    private readonly throttle: ThrottleStore,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailPort,
    private readonly clock: Clock,
    private readonly settings: PasswordLinkSettings = {},
  ) {}

  /** A new link for the user (an invitation while they have no password, else a reset); older links stop working. */
  async issue(userId: string): Promise<IssuedLink> {
    const user = await this.users.byId(userId);
    if (!user) throw new AccountError('GATEWAY.USER_NOT_FOUND', 404, 'There is no user with this id.');
    const now = this.clock();
    const kind = kindFor(user);
    const token = randomBytes(32).toString('base64url');
    const link: PasswordLink = {
      id: sha256(token),
      userId: user.id,
      kind,
      issuedAt: now,
      expiresAt: now + lifetimeOf(kind, this.settings.lifetimes ?? DEFAULT_LINK_LIFETIMES),
      serial: randomUUID(),
    };
    await this.links.create(link);
    // Only the latest link counts: the user now names this one.
    await this.users.update({ ...user, passwordLinkId: link.serial, updatedAt: new Date(now).toISOString() });
    const issued: IssuedLink = {
      kind,
      path: `${SET_PASSWORD_PATH}?token=${token}`,
      expiresAt: new Date(link.expiresAt).toISOString(),
    };
    await this.mail.passwordLinkIssued({
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      ...issued,
    });
    return issued;
  }

  /**
   * Sets the password with a link: refused when unknown, replaced by a newer one, expired or used;
   * the password must meet the policy (checked before the link is spent). Exactly one of racing
   * uses of the same link wins. Ends the user's earlier sessions. Answers the user's id.
   */
  async use(token: string, password: string, ip: string): Promise<string> {
    const key = `password-link-ip:${clientAddressKey(ip)}`;
    const rule = this.settings.ipRule ?? SIGN_IN_IP_RULE;
    const now = this.clock();
    const decision = decide(await this.throttle.hit(key, now, rule.windowMs), now, rule);
    if (!decision.allowed) {
      throw new AccountError(
        'AUTH.TOO_MANY_ATTEMPTS',
        429,
        'Too many attempts; try again later.',
        decision.retryAfterSeconds,
      );
    }
    const id = sha256(token);
    const link = token ? await this.links.byId(id) : null;
    // The holder first, then the use mark: a racer that sees the winner's password already written
    // then surely sees its claim too (claimed before written), and hears "used", not "invalid".
    const holder = link ? await this.users.byId(link.userId) : null;
    const used = link ? await this.links.isUsed(id) : false;
    const refusal = judgeLink(link, used, holder, now);
    if (refusal || !link) throw refused(refusal ?? 'INVITE_INVALID');
    assertPassword(password);
    const passwordHash = await this.hasher.hash(password);
    if ((await this.links.claim(link, this.clock())) === 'TAKEN') throw refused('INVITE_USED');
    const user = (await this.users.byId(link.userId)) as User;
    const { passwordLinkId: _spent, ...rest } = user;
    await this.users.update({
      ...rest,
      passwordHash,
      // Whoever knew the old password is signed out at their next refresh (a reset ends sessions when used).
      sessionEpoch: (user.sessionEpoch ?? 0) + 1,
      updatedAt: new Date(this.clock()).toISOString(),
    });
    await this.throttle.forgive(key);
    return user.id;
  }

  async purge(): Promise<number> {
    return this.links.purgeExpired(this.clock() - EXPIRED_LINK_KEPT_MS);
  }
}
