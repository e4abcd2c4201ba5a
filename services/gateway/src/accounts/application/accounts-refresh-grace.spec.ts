import { AccountsService } from './accounts.service';
import {
  FakeHasher,
  FakeSessions,
  FakeThrottle,
  FakeUsers,
  GRACE_MS,
  PASSWORD,
  failure,
  organiser,
  setUp,
  signer,
} from '../../../test/accounts-fixture';

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
