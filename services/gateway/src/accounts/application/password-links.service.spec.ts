import type { PasswordLink } from '../domain/password-link';
import { AccountsService, sha256 } from './accounts.service';
import { PasswordLinksService } from './password-links.service';
import type { MailPort, PasswordLinkMessage, PasswordLinkStore } from './ports';
import { FakeHasher, FakeSessions, FakeThrottle, FakeUsers, failure, signer } from '../../../test/accounts-fixture';

class FakeLinks implements PasswordLinkStore {
  readonly links = new Map<string, PasswordLink>();
  readonly used = new Set<string>();
  async create(link: PasswordLink) {
    this.links.set(link.id, link);
  }
  async byId(id: string) {
    return this.links.get(id) ?? null;
  }
  async isUsed(id: string) {
    return this.used.has(id);
  }
  async claim(link: PasswordLink) {
    if (this.used.has(link.id)) return 'TAKEN' as const;
    this.used.add(link.id);
    return 'CLAIMED' as const;
  }
  async purgeExpired(before: number) {
    const expired = [...this.links.values()].filter((l) => l.expiresAt < before);
    expired.forEach((l) => this.links.delete(l.id));
    return expired.length;
  }
}

class FakeMail implements MailPort {
  readonly sent: PasswordLinkMessage[] = [];
  async passwordLinkIssued(message: PasswordLinkMessage) {
    this.sent.push(message);
  }
}

const hasher = new FakeHasher();

const NEW_PASSWORD = 'mijn eigen lange wachtwoord';
const IP = '192.0.2.7';

function setUp() {
  let now = Date.UTC(2026, 0, 10, 9, 0, 0);
  const users = new FakeUsers();
  const links = new FakeLinks();
  const sessions = new FakeSessions();
  const throttle = new FakeThrottle();
  const mail = new FakeMail();
  const clock = () => now;
  const accounts = new AccountsService(users, sessions, throttle, hasher, signer, clock, { refreshTtlMs: 3600_000 });
  const service = new PasswordLinksService(users, links, throttle, hasher, mail, clock);
  return { accounts, service, users, links, sessions, mail, advance: (ms: number) => (now += ms) };
}

const organiser = {
  email: 'an.peeters@neteland.be',
  displayName: 'An Peeters',
  role: 'ORGANISER' as const,
  organisationIds: ['org-neteland'],
  regionId: null,
};

const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token') ?? '';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  const error = await failure(promise);
  return { code: error.code, status: error.status };
}

describe('invitation and reset links', () => {
  it('invite a user created without a password: no sign-in until they set their own, then they can', async () => {
    const { accounts, service, mail } = setUp();
    const user = await accounts.createUser(organiser);
    expect(await refusal(accounts.signIn(organiser.email, '', IP, false))).toMatchObject({
      code: 'AUTH.INVALID_CREDENTIALS',
    });
    const link = await service.issue(user.id);
    expect(link).toEqual({
      kind: 'INVITATION',
      path: expect.stringMatching(/^\/wachtwoord-instellen\?token=[A-Za-z0-9_-]{43}$/),
      expiresAt: '2026-01-13T09:00:00.000Z',
    });
    expect(mail.sent).toEqual([{ userId: user.id, email: organiser.email, displayName: 'An Peeters', ...link }]);
    expect(await service.use(tokenOf(link.path), NEW_PASSWORD, IP)).toBe(user.id);
    const signedIn = await accounts.signIn(organiser.email, NEW_PASSWORD, IP, false);
    expect(signedIn.user.id).toBe(user.id);
  });

  it('store only the hash of a token of 256 random bits', async () => {
    const { accounts, service, links } = setUp();
    const user = await accounts.createUser(organiser);
    const token = tokenOf((await service.issue(user.id)).path);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect([...links.links.keys()]).toEqual([sha256(token)]);
    expect(JSON.stringify([...links.links.values()])).not.toContain(token);
  });

  it('work once: the second use is refused as used and keeps the first password', async () => {
    const { accounts, service } = setUp();
    const user = await accounts.createUser(organiser);
    const token = tokenOf((await service.issue(user.id)).path);
    await service.use(token, NEW_PASSWORD, IP);
    expect(await refusal(service.use(token, 'een ander lang wachtwoord', IP))).toEqual({
      code: 'AUTH.INVITE_USED',
      status: 409,
    });
    await expect(accounts.signIn(organiser.email, NEW_PASSWORD, IP, false)).resolves.toBeDefined();
  });

  it('expire after 72 hours (invitation) and one hour (reset)', async () => {
    const { accounts, service, advance } = setUp();
    const user = await accounts.createUser(organiser);
    const invitation = tokenOf((await service.issue(user.id)).path);
    advance(72 * 3600_000);
    expect(await refusal(service.use(invitation, NEW_PASSWORD, IP))).toEqual({
      code: 'AUTH.INVITE_EXPIRED',
      status: 410,
    });
    const second = tokenOf((await service.issue(user.id)).path);
    advance(72 * 3600_000 - 1);
    await service.use(second, NEW_PASSWORD, IP);
    const reset = await service.issue(user.id);
    expect(reset.kind).toBe('RESET');
    advance(3600_000 - 1);
    const resetToken = tokenOf(reset.path);
    advance(1);
    expect(await refusal(service.use(resetToken, 'nog een ander wachtwoord', IP))).toMatchObject({
      code: 'AUTH.INVITE_EXPIRED',
    });
  });

  it('refuse a password outside the policy without spending the link', async () => {
    const { accounts, service } = setUp();
    const user = await accounts.createUser(organiser);
    const token = tokenOf((await service.issue(user.id)).path);
    expect(await refusal(service.use(token, 'te kort', IP))).toEqual({
      code: 'GATEWAY.PASSWORD_TOO_SHORT',
      status: 422,
    });
    expect(await refusal(service.use(token, 'x'.repeat(129), IP))).toMatchObject({
      code: 'GATEWAY.PASSWORD_TOO_LONG',
    });
    expect(await refusal(service.use(token, ' '.repeat(14), IP))).toMatchObject({ code: 'GATEWAY.PASSWORD_BLANK' });
    await expect(service.use(token, NEW_PASSWORD, IP)).resolves.toBe(user.id);
  });

  it('refuse an unknown token, a link replaced by a newer one, and a blocked account as invalid', async () => {
    const { accounts, service } = setUp();
    const user = await accounts.createUser(organiser);
    expect(await refusal(service.use('not-a-token', NEW_PASSWORD, IP))).toEqual({
      code: 'AUTH.INVITE_INVALID',
      status: 404,
    });
    const first = tokenOf((await service.issue(user.id)).path);
    const second = tokenOf((await service.issue(user.id)).path);
    expect(await refusal(service.use(first, NEW_PASSWORD, IP))).toMatchObject({ code: 'AUTH.INVITE_INVALID' });
    await accounts.updateUser(user.id, { active: false });
    expect(await refusal(service.use(second, NEW_PASSWORD, IP))).toMatchObject({ code: 'AUTH.INVITE_INVALID' });
  });

  it('end the sessions opened with the old password when a reset is used, not when it is issued', async () => {
    const { accounts, service } = setUp();
    const user = await accounts.createUser({ ...organiser, password: 'het oude wachtwoord' });
    const session = await accounts.signIn(organiser.email, 'het oude wachtwoord', IP, true);
    const reset = await service.issue(user.id);
    const renewed = await accounts.refresh(session.refreshToken);
    await expect(accounts.signIn(organiser.email, 'het oude wachtwoord', IP, false)).resolves.toBeDefined();
    await service.use(tokenOf(reset.path), NEW_PASSWORD, IP);
    expect(await refusal(accounts.refresh(renewed.refreshToken))).toMatchObject({ code: 'AUTH.REFRESH_INVALID' });
    expect(await refusal(accounts.signIn(organiser.email, 'het oude wachtwoord', IP, false))).toMatchObject({
      code: 'AUTH.INVALID_CREDENTIALS',
    });
  });

  it('are voided by a password the admin sets directly', async () => {
    const { accounts, service } = setUp();
    const user = await accounts.createUser(organiser);
    const token = tokenOf((await service.issue(user.id)).path);
    await accounts.setPassword(user.id, 'door de beheerder gezet');
    expect(await refusal(service.use(token, NEW_PASSWORD, IP))).toMatchObject({ code: 'AUTH.INVITE_INVALID' });
  });

  it('throttle uses per client address like sign-in: the 21st attempt in 15 minutes is refused', async () => {
    const { service, advance } = setUp();
    for (let i = 0; i < 20; i += 1) {
      expect(await refusal(service.use(`guess-${i}`, NEW_PASSWORD, IP))).toMatchObject({ code: 'AUTH.INVITE_INVALID' });
    }
    expect(await refusal(service.use('guess-21', NEW_PASSWORD, IP))).toEqual({
      code: 'AUTH.TOO_MANY_ATTEMPTS',
      status: 429,
    });
    expect(await refusal(service.use('guess-21', NEW_PASSWORD, '198.51.100.1'))).toMatchObject({
      code: 'AUTH.INVITE_INVALID',
    });
    advance(15 * 60_000);
    expect(await refusal(service.use('guess-22', NEW_PASSWORD, IP))).toMatchObject({ code: 'AUTH.INVITE_INVALID' });
  });

  it('never show the link data, only whether the password is set yet, to the admin', async () => {
    const { accounts, service } = setUp();
    const user = await accounts.createUser(organiser);
    const token = tokenOf((await service.issue(user.id)).path);
    const listed = async () => (await accounts.listUsers())[0];
    expect(Object.keys(await listed()).sort()).toEqual(
      ['active', 'displayName', 'email', 'id', 'organisationIds', 'passwordSet', 'regionId', 'role'].sort(),
    );
    expect((await listed()).passwordSet).toBe(false);
    expect(Object.keys(await accounts.me(user.id))).not.toContain('passwordLinkId');
    await service.use(token, NEW_PASSWORD, IP);
    expect((await listed()).passwordSet).toBe(true);
  });
});
