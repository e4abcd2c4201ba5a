import { GRACE_MS, PASSWORD, failure, organiser, setUp } from '../../../test/accounts-fixture';

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
