import { decide } from '../domain/sign-in-throttle';
import { PASSWORD, failure, organiser, setUp } from '../../../test/accounts-fixture';

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
