import { eventually, monthsAgo, testToday } from '@stapsteen/testing';
import { BrowserContext, Page, Response } from 'playwright-core';
import { apiAs, bootStack, checkScreen, Organiser, seedOrganiser, Stack } from './harness';

jest.setTimeout(300_000);

/**
 * Sessions that survive: with a 2-second access token the web app keeps refreshing while the
 * organiser works, screens fire several calls at once, and the session must never end as "reused"
 * (ADR 19). When it does end, the app says so over the same screen, keeps what was typed, saves it
 * after the new sign-in and stays where the person was.
 */
describe('a session in a real browser with a 2-second access token', () => {
  let stack: Stack;
  const organiser: Organiser = {
    organisation: {
      id: `org-session-${Date.now().toString(36)}`,
      name: 'Wijk-werken Zennevallei',
      regionId: 'region-kempen',
    },
    email: 'lotte.claes@zennevallei.test',
    password: 'Organisator-Wachtwoord-7',
    displayName: 'Lotte Claes',
  };
  let participantId = '';

  beforeAll(async () => {
    stack = await bootStack({ gatewayEnv: { ACCESS_TOKEN_TTL_SECONDS: '2', REFRESH_GRACE_SECONDS: '20' } });
    await seedOrganiser(stack, organiser);
    const asOrganiser = await apiAs(stack.baseUrl, organiser);
    const lastMonth = monthsAgo(1);
    const sofie = await asOrganiser<{ id: string }>('POST', '/flow-through/participants', {
      organisationId: organiser.organisation.id,
      firstName: 'Sofie',
      lastName: 'Verbeeck',
      dateOfBirth: '1987-04-12',
      referralSource: 'VDAB',
      enrolledOn: `${lastMonth}-01`,
    });
    participantId = sofie.id;
    await asOrganiser('POST', `/flow-through/participants/${sofie.id}/trajectory/start`, { on: `${lastMonth}-02` });
  });
  afterAll(async () => stack?.stop());

  /** A colleague of the same organisation with an account of their own, so each test owns its sessions. */
  async function colleague(name: string): Promise<{ id: string; email: string; password: string }> {
    const asAdmin = await apiAs(stack.baseUrl, stack.admin);
    const email = `${name}.${Date.now().toString(36)}@zennevallei.test`;
    const password = 'Collega-Wachtwoord-2026';
    const user = await asAdmin<{ id: string }>('POST', '/admin/users', {
      email,
      displayName: name,
      password,
      role: 'ORGANISER',
      organisationIds: [organiser.organisation.id],
      regionId: null,
    });
    return { id: user.id, email, password };
  }

  /** An admin sets a new password: every open session of the user ends (ADR 7). */
  async function endSessionsOf(userId: string, password: string): Promise<void> {
    const asAdmin = await apiAs(stack.baseUrl, stack.admin);
    await asAdmin('PUT', `/admin/users/${userId}/password`, { password });
  }

  /** Waits (polling the browser's cookie jar) until the access-token cookie has run out. */
  async function accessTokenExpired(context: BrowserContext): Promise<void> {
    await eventually(
      async () => (await context.cookies()).some((c) => c.name === 'stapsteen_at'),
      (present) => !present,
      { timeoutMs: 10_000, intervalMs: 100, what: 'the 2-second access token to expire' },
    );
  }

  /**
   * Refresh answers and 401s of other calls, as the browser saw them, and the API calls still under
   * way. How many refreshes were under way at once is counted inside the page, around `fetch`, as
   * the app's single-flight sees them: a refresh is over when its answer's headers arrive (the
   * network events come later and over another channel, so two refreshes one after the other could
   * look as if they overlapped there).
   */
  async function watch(page: Page) {
    const seen = { refreshes: [] as number[], unauthorised: [] as string[], pending: 0, mostAtOnce: 0 };
    await page.exposeBinding('__refreshesUnderWay', (_source, count: number) => {
      seen.mostAtOnce = Math.max(seen.mostAtOnce, count);
    });
    // A script, not a function: the page's own globals are not in the tests' types.
    await page.addInitScript(`{
      const originalFetch = window.fetch.bind(window);
      let underWay = 0;
      window.fetch = (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
        if (url.pathname !== '/api/auth/refresh') return originalFetch(input, init);
        underWay += 1;
        void window.__refreshesUnderWay(underWay);
        return originalFetch(input, init).finally(() => {
          underWay -= 1;
        });
      };
    }`);
    const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
    page.on('request', (request) => {
      if (isApi(request.url())) seen.pending += 1;
    });
    const done = (request: { url(): string }) => {
      if (isApi(request.url())) seen.pending -= 1;
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    page.on('response', (response: Response) => {
      const url = new URL(response.url());
      if (url.pathname === '/api/auth/refresh') seen.refreshes.push(response.status());
      else if (url.pathname.startsWith('/api/') && response.status() === 401) seen.unauthorised.push(url.pathname);
    });
    return seen;
  }

  async function signInAs(page: Page, user: { email: string; password: string }): Promise<void> {
    await page.goto(`${stack.baseUrl}/organiser`);
    await page.getByLabel('E-mailadres', { exact: true }).fill(user.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
  }

  /** Hours learns of the participant from flow-through's events: reload until she is in the entry form. */
  async function waitForParticipantInEntry(page: Page): Promise<void> {
    const option = page
      .getByRole('region', { name: 'Prestatie invoeren' })
      .getByLabel('Deelnemer')
      .getByRole('option', { name: 'Sofie V.' });
    await eventually(
      async () => {
        if ((await option.count()) === 0) {
          await page.reload();
          await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
          await option.waitFor({ state: 'attached', timeout: 2_000 });
        }
        return true;
      },
      undefined,
      { timeoutMs: 60_000, intervalMs: 200, what: 'Sofie to appear in the entry form' },
    );
  }

  it('keeps the session through seven expiries while screens fire several calls at once', async () => {
    const context = await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    const seen = await watch(page);
    await signInAs(page, await colleague('Wout'));
    await waitForParticipantInEntry(page);
    // Before signing in, the app's first call found no session at all: that refresh was refused.
    const signedInAt = seen.refreshes.length;
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    const dialog = page.getByRole('dialog', { name: 'Je sessie is verlopen' });

    /** Odd rounds open the participant list (one call), even rounds the month grid (three at once). */
    const screenOfRound = async (round: number) => {
      if (round % 2 === 1) {
        await nav.getByRole('link', { name: 'Deelnemers' }).click();
        await page.getByRole('table', { name: 'Deelnemers' }).getByRole('row').filter({ hasText: 'Sofie' }).waitFor();
      } else {
        await nav.getByRole('link', { name: 'Maandoverzicht' }).click();
        await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
        await page
          .getByRole('region', { name: 'Prestatie invoeren' })
          .getByLabel('Deelnemer')
          .getByRole('option', { name: 'Sofie V.' })
          .waitFor({ state: 'attached' });
      }
    };

    const refreshesPerRound: number[] = [];
    const unauthorisedPerRound: number[] = [];
    for (let round = 1; round <= 7; round++) {
      await accessTokenExpired(context);
      const before = seen.refreshes.length;
      const unauthorisedBefore = seen.unauthorised.length;
      await screenOfRound(round).catch((error: Error) => {
        const statuses = seen.refreshes.slice(signedInAt).join(', ');
        throw new Error(`round ${round}: ${error.message.split('\n')[0]} (refresh answers so far: ${statuses})`);
      });
      // The screen may show cached data first: wait until its calls met the expired token, were
      // refreshed and answered, and nothing is under way any more.
      await eventually(
        async () => ({ refreshed: seen.refreshes.length - before, pending: seen.pending }),
        ({ refreshed, pending }) => refreshed >= 1 && pending === 0,
        { timeoutMs: 10_000, intervalMs: 50, what: `round ${round}: the refresh and every call answered` },
      );
      refreshesPerRound.push(seen.refreshes.length - before);
      unauthorisedPerRound.push(seen.unauthorised.length - unauthorisedBefore);
    }

    // Single-flight: never two refreshes under way at once, however many calls met the expired token.
    const mostRefreshesAtOnce = seen.mostAtOnce;

    // Two tabs (or requests already under way) refreshing with the same token at once.
    await accessTokenExpired(context);
    const raced = await page.evaluate(() =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          fetch('/api/auth/refresh', { method: 'POST', headers: { 'X-Requested-With': 'stapsteen-web' } }).then(
            (r) => r.status,
          ),
        ),
      ),
    );
    expect(raced).toEqual([200, 200, 200, 200]);
    await accessTokenExpired(context);
    await nav.getByRole('link', { name: 'Deelnemers' }).click();
    await page.getByRole('table', { name: 'Deelnemers' }).getByRole('row').filter({ hasText: 'Sofie' }).waitFor();

    expect(await dialog.count()).toBe(0);
    expect(seen.refreshes.slice(signedInAt).filter((status) => status !== 200)).toEqual([]);
    expect(mostRefreshesAtOnce).toBe(1);
    expect(refreshesPerRound.every((count) => count >= 1)).toBe(true);
    // The screens did fire several calls at once against the expired token.
    // (The month grid asks three things at once, the participant list one.)
    expect(unauthorisedPerRound.filter((_, i) => i % 2 === 1).every((count) => count >= 2)).toBe(true);
    await context.close();
  });

  it('says the session expired over the same screen, keeps the half-typed entry and saves it after signing in', async () => {
    const context = await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    const user = await colleague('Nele');
    await signInAs(page, user);
    await waitForParticipantInEntry(page);
    const entry = page.getByRole('region', { name: 'Prestatie invoeren' });
    await entry.getByLabel('Deelnemer').selectOption({ label: 'Sofie V.' });
    await entry.getByLabel('Datum').fill(testToday());
    await entry.getByLabel('Duur (u:mm)').fill('2:45');
    await entry.getByLabel('Gebruiker', { exact: true }).fill('Familie Wouters');
    await entry.getByLabel('Activiteit').fill('Strijken');

    const newPassword = 'Nieuw-Wachtwoord-2026';
    await endSessionsOf(user.id, newPassword);
    await accessTokenExpired(context);
    await entry.getByRole('button', { name: 'Opslaan (Enter)' }).click();

    const dialog = page.getByRole('dialog', { name: 'Je sessie is verlopen' });
    await dialog.getByText('Meld je opnieuw aan om verder te werken. Wat je invulde, blijft staan.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/organiser');
    expect(await entry.getByLabel('Duur (u:mm)').inputValue()).toBe('2:45');
    expect(await entry.getByLabel('Activiteit').inputValue()).toBe('Strijken');
    expect(await dialog.getByLabel('E-mailadres').inputValue()).toBe(user.email);
    await checkScreen(page, 'session-expired');

    await dialog.getByLabel('Wachtwoord').fill(newPassword);
    await dialog.getByRole('button', { name: 'Opnieuw aanmelden' }).click();
    await entry.getByRole('status').filter({ hasText: 'Opgeslagen: 2:45' }).filter({ hasText: 'Sofie V.' }).waitFor();
    expect(await dialog.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/organiser');
    // Stored once, by the call that waited for the sign-in.
    const asOrganiser = await apiAs(stack.baseUrl, organiser);
    const year = await asOrganiser<{ months: Array<{ prestations: Array<{ minutes: number; activity: string }> }> }>(
      'GET',
      `/hours/participants/${participantId}/hours?year=${testToday().slice(0, 4)}`,
    );
    const strijken = year.months.flatMap((m) => m.prestations).filter((p) => p.activity === 'Strijken');
    expect(strijken.map((p) => p.minutes)).toEqual([165]);
    await context.close();
  });

  it('after a reload with an ended session, says so on the sign-in screen and returns to the same screen', async () => {
    const context = await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    const user = await colleague('Bram');
    await signInAs(page, user);
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Deelnemers' }).click();
    await page.getByRole('table', { name: 'Deelnemers' }).getByRole('row').filter({ hasText: 'Sofie' }).waitFor();

    const newPassword = 'Ander-Wachtwoord-2026';
    await endSessionsOf(user.id, newPassword);
    await accessTokenExpired(context);
    await page.reload();

    await page.getByRole('heading', { name: 'Aanmelden', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Je sessie is verlopen.' }).waitFor();
    await page.getByLabel('E-mailadres', { exact: true }).fill(user.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('table', { name: 'Deelnemers' }).getByRole('row').filter({ hasText: 'Sofie' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/organiser/participants');
    await context.close();
  });
});
