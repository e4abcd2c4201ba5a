import type { INestApplication } from '@nestjs/common';
import { createTestKeyPair, eventually, mintToken, testToday } from '@stapsteen/testing';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { assertDutchOnly, signIn, webBuild } from '../browser/harness';
import { testGatewayConfig } from '../e2e/gateway-fixture';
import { FaultStack, ServiceProcess, callApi, startFaultStack, startServiceProcess } from './support/db-faults-stack';

/**
 * A service dies while the web app is open: the gateway answers 502 GATEWAY.SERVICE_UNAVAILABLE at
 * once, the web app says so in Dutch from that code (its nl catalogue), the other services and
 * the session carry on, and after the restart everything works again with the same session: no
 * new sign-in, nothing lost, nothing stored twice.
 */
const ROOT = path.join(__dirname, '..', '..');
const NL = JSON.parse(readFileSync(path.join(ROOT, 'services/gateway/web/src/i18n/nl.json'), 'utf8'));
const EN = JSON.parse(readFileSync(path.join(ROOT, 'services/gateway/web/src/i18n/en.json'), 'utf8'));
const ANSWER_WITHIN_MS = 2000;
const suffix = Date.now().toString(36);
const region = `region-${suffix}`;
const organisation = `org-${suffix}`;
const today = testToday();
const month = today.slice(0, 7);
const organiser = { email: `organisator-${suffix}@stapsteen.test`, password: 'Een-Lang-Wachtwoord-2026' };
const admin = { email: `beheerder-${suffix}@stapsteen.test`, password: 'Beheer-Wachtwoord-2026' };

/** Figures for the report. */
const tally = { injected: 0, gatewayChecks: 0, slowestMs: 0, browserChecks: 0 };

describe('a service killed while the web app is open', () => {
  const keys = createTestKeyPair();
  let stack: FaultStack;
  let flowThrough: ServiceProcess;
  let hours: ServiceProcess;
  let coaching: ServiceProcess;
  let gateway: INestApplication;
  let baseUrl: string;
  let browser: Browser | undefined;
  let participantId: string;

  /** A call as the web app makes it: the session's cookies, the CSRF header on changes. */
  async function asWebApp(cookies: string, method: string, route: string, body?: unknown) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: {
        Cookie: cookies,
        'X-Requested-With': 'stapsteen-web',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : null,
      ms: performance.now() - started,
    };
  }

  async function signInCookies(): Promise<string> {
    const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'stapsteen-web' },
      body: JSON.stringify(organiser),
    });
    expect(response.status).toBe(200);
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  }

  const prestation = (minutes: number) => ({
    participantId,
    date: today,
    minutes,
    gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
    activity: 'Middagtoezicht',
  });

  beforeAll(async () => {
    stack = await startFaultStack('service-outage');
    const [webDir, ...services] = await Promise.all([
      webBuild(path.join(ROOT, 'services', 'gateway', 'web', 'vite.config.ts')),
      startServiceProcess('flow-through', keys.publicKeyPem),
      startServiceProcess('hours', keys.publicKeyPem),
      startServiceProcess('coaching', keys.publicKeyPem),
    ]);
    [flowThrough, hours, coaching] = services as ServiceProcess[];
    gateway = await createGatewayApp(
      testGatewayConfig(keys, {
        HOURS_URL: hours.url,
        FLOW_THROUGH_URL: flowThrough.url,
        COACHING_URL: coaching.url,
        WEB_DIST_DIR: webDir as string,
        GATEWAY_BOOTSTRAP_ADMIN_EMAIL: admin.email,
        GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      }),
    );
    await gateway.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
    const adminToken = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    expect(
      (
        await callApi(baseUrl, 'PUT', '/api/flow-through/organisations', adminToken, {
          id: organisation,
          name: `Wijk-werken ${suffix}`,
          kind: 'WIJK_WERK',
          regionId: region,
        })
      ).status,
    ).toBe(200);
    const created = await callApi(baseUrl, 'POST', '/api/admin/users', adminToken, {
      ...organiser,
      displayName: 'Els Peeters',
      role: 'ORGANISER',
      organisationIds: [organisation],
      regionId: null,
    });
    expect(created.status).toBe(201);
    const organiserToken = await mintToken(keys.privateKeyPem, {
      sub: created.body.id,
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    const enrolled = await callApi(baseUrl, 'POST', '/api/flow-through/participants', organiserToken, {
      organisationId: organisation,
      firstName: 'Sofie',
      lastName: 'Verbeeck',
      dateOfBirth: '1987-04-12',
      referralSource: 'VDAB',
    });
    expect(enrolled.status).toBe(201);
    participantId = enrolled.body.id;
    const started = await callApi(
      baseUrl,
      'POST',
      `/api/flow-through/participants/${participantId}/trajectory/start`,
      organiserToken,
      { on: today },
    );
    expect(started.status).toBe(200);
    await eventually(
      () => callApi(baseUrl, 'POST', '/api/hours/prestations', organiserToken, prestation(120)),
      (response) => response.status === 201,
      { what: 'the first prestation, once hours knows the trajectory', timeoutMs: 60_000 },
    );
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await Promise.all([flowThrough, hours, coaching].map((service) => service?.stop()));
    await stack?.down();
    process.stdout.write(`db-faults service outage: ${JSON.stringify(tally)}\n`);
  });

  it('the web app has the 502 code in Dutch and English', () => {
    expect(NL.problems['GATEWAY.SERVICE_UNAVAILABLE']).toBe(
      'Dit deel van Stapsteen is even niet bereikbaar; probeer zo opnieuw.',
    );
    expect(EN.problems['GATEWAY.SERVICE_UNAVAILABLE']).toMatch(/cannot be reached/);
  });

  it('hours killed: 502 GATEWAY.SERVICE_UNAVAILABLE at once, the rest carries on, and after the restart the same session works', async () => {
    const cookies = await signInCookies();
    const grid = `/api/hours/organisations/${organisation}/months/${month}`;
    const before = await asWebApp(cookies, 'GET', grid);
    expect(before.status).toBe(200);
    const hoursBefore = await asWebApp(
      cookies,
      'GET',
      `/api/hours/participants/${participantId}/hours?year=${today.slice(0, 4)}`,
    );
    expect(hoursBefore.status).toBe(200);

    await hours.kill();
    tally.injected += 1;
    for (const [method, route, body] of [
      ['GET', grid, undefined],
      ['POST', '/api/hours/prestations', prestation(60)],
      ['GET', `/api/hours/participants/${participantId}/hours?year=${today.slice(0, 4)}`, undefined],
    ] as const) {
      const answer = await asWebApp(cookies, method, route, body);
      tally.gatewayChecks += 1;
      tally.slowestMs = Math.max(tally.slowestMs, Math.round(answer.ms));
      expect({ route, status: answer.status, code: answer.body?.code }).toEqual({
        route,
        status: 502,
        code: 'GATEWAY.SERVICE_UNAVAILABLE',
      });
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    // The session and the other services are untouched.
    expect((await asWebApp(cookies, 'GET', '/api/me')).status).toBe(200);
    expect((await asWebApp(cookies, 'GET', `/api/flow-through/participants/${participantId}`)).status).toBe(200);

    await hours.restart();

    // The same cookies: no new sign-in, no refresh.
    const after = await asWebApp(cookies, 'GET', grid);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    // The write refused during the outage stored nothing; one now is stored once.
    const stored = await asWebApp(cookies, 'POST', '/api/hours/prestations', prestation(60));
    expect(stored.status).toBe(201);
    const year = await asWebApp(
      cookies,
      'GET',
      `/api/hours/participants/${participantId}/hours?year=${today.slice(0, 4)}`,
    );
    const minutes = (body: { months: Array<{ prestations: Array<{ minutes: number }> }> }) =>
      body.months.flatMap((m) => m.prestations).map((p) => p.minutes);
    expect(minutes(year.body).sort()).toEqual([...minutes(hoursBefore.body), 60].sort());
  });

  it('in the browser: the month grid says so in Dutch while hours is down, and works again after its restart without signing in', async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = await browser.newPage({ locale: 'nl-BE' });
    await signIn(page, baseUrl, organiser.email, organiser.password);
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Sofie V.' });
    await row.waitFor({ timeout: 10_000 }).catch(async (error) => {
      await page.screenshot({ path: path.join(ROOT, 'artifacts', 'db-faults-grid.png'), fullPage: true });
      throw error;
    });

    await hours.kill();
    tally.injected += 1;
    await page.reload();
    const message = page.getByText(NL.problems['GATEWAY.SERVICE_UNAVAILABLE']);
    await message.first().waitFor();
    tally.browserChecks += 1;
    await assertDutchOnly(page);
    expect(await page.getByRole('button', { name: 'Aanmelden' }).count()).toBe(0);

    await hours.restart();
    await page.getByRole('button', { name: 'Opnieuw proberen' }).first().click();
    await row.waitFor();
    tally.browserChecks += 1;
    expect(await message.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Aanmelden' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    await row.waitFor();
    expect(await page.getByRole('button', { name: 'Aanmelden' }).count()).toBe(0);
  });
});
