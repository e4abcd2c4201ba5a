import AxeBuilder from '@axe-core/playwright';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@stapsteen/config';
import { closeApps, createTestKeyPair, startTestService } from '@stapsteen/testing';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { createGatewayApp, GatewayConfig } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

const root = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(root, 'artifacts', 'screenshots');

export interface Stack {
  baseUrl: string;
  browser: Browser;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

/** Vite is ESM-only; its CLI builds the app into the temp folder. */
function buildWeb(configFile: string, outDir: string): Promise<void> {
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  return new Promise((resolve, reject) => {
    const child = spawn(
      vite,
      ['build', '--config', configFile, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: path.dirname(configFile),
        stdio: 'inherit',
        // The build users get: jest's NODE_ENV=test made Vite bundle React's development build
        // (about 50 % more code and slower rendering), so the browser tests measured another app.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

export interface BootOptions {
  /** Extra settings for the hours service, e.g. a later automatic month close. */
  hoursEnv?: Record<string, string>;
  /** Extra settings for the gateway, e.g. a short access-token lifetime. */
  gatewayEnv?: Record<string, string>;
}

/** Every file the web build reads from the repository: the app's sources and configuration, and the lock file. */
function webSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : webSources(full);
    return [full];
  });
}

/**
 * The web app built once per version of its sources: every browser suite of a run (and of later
 * runs on the same sources) serves the same build from `<tmp>/stapsteen-web-test-build/<hash>`, instead of
 * each suite spending tens of seconds on its own vite build. A build goes to a temp folder and is
 * renamed into place, so suites building at the same moment never serve half a build.
 */
export async function webBuild(configFile: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...webSources(path.dirname(configFile)), path.join(root, 'package-lock.json')].sort()) {
    hash.update(path.relative(root, file)).update(readFileSync(file));
  }
  // Not under the repository's `.cache`: the gateway's sendFile refuses paths through a dot folder.
  const cacheDir = path.join(tmpdir(), 'stapsteen-web-test-build');
  const built = path.join(cacheDir, hash.digest('hex').slice(0, 16));
  if (existsSync(path.join(built, 'index.html'))) return built;
  mkdirSync(cacheDir, { recursive: true });
  const building = mkdtempSync(path.join(cacheDir, 'building-'));
  await buildWeb(configFile, building);
  try {
    renameSync(building, built);
  } catch {
    // Another suite put the same build in place first.
    rmSync(building, { recursive: true, force: true });
  }
  // Builds of earlier versions of the sources are of no further use.
  for (const entry of readdirSync(cacheDir)) {
    if (path.join(cacheDir, entry) !== built && !entry.startsWith('building-'))
      rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
  }
  return built;
}

/** The web app (built once per version), the three services and the gateway in-process, Debian's Chromium. */
export async function bootStack(options: BootOptions = {}): Promise<Stack> {
  const configFile = path.join(root, 'services', 'gateway', 'web', 'vite.config.ts');
  const keys = createTestKeyPair();
  const [webDir, flowThrough, hours, coaching] = await Promise.all([
    webBuild(configFile),
    startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
    startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem, options.hoursEnv),
    startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem),
  ]);
  const [flowThroughUrl, hoursUrl, coachingUrl] = await Promise.all([flowThrough, hours, coaching].map(listen));
  const admin = { email: 'beheerder@stapsteen.test', password: 'Beheer-Wachtwoord-2026' };
  const config = loadConfig(GatewayConfig, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'error',
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB: `test-gateway-web-${Date.now()}`,
    FLOW_THROUGH_URL: flowThroughUrl,
    HOURS_URL: hoursUrl,
    COACHING_URL: coachingUrl,
    AUTH_JWT_PRIVATE_KEY: keys.privateKeyPem,
    AUTH_JWT_PUBLIC_KEY: keys.publicKeyPem,
    WEB_DIST_DIR: webDir,
    GATEWAY_BOOTSTRAP_ADMIN_EMAIL: admin.email,
    GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    ...options.gatewayEnv,
  });
  const gateway = await createGatewayApp(config);
  const baseUrl = await listen(gateway);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    baseUrl,
    browser,
    admin,
    async stop() {
      // The browser first: its open event streams would keep the servers' connections busy.
      await closeApps({ browser });
      await closeApps({ gateway, 'flow-through': flowThrough, hours, coaching });
    },
  };
}

export type CallApi = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** Calls the gateway's API with a bearer token of this user, for setting up what a journey starts from. */
export async function apiAs(baseUrl: string, credentials: { email: string; password: string }): Promise<CallApi> {
  const tokenResponse = await fetch(`${baseUrl}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: credentials.email, password: credentials.password }),
  });
  if (!tokenResponse.ok) {
    throw new Error(`token for ${credentials.email}: HTTP ${tokenResponse.status} ${await tokenResponse.text()}`);
  }
  const { accessToken } = (await tokenResponse.json()) as { accessToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export interface Organiser {
  organisation: { id: string; name: string; regionId: string };
  email: string;
  password: string;
  displayName: string;
}

/** A wijk-werkorganisatie in the directory and an organiser for it, created by the admin through the API. */
export async function seedOrganiser(stack: Stack, organiser: Organiser): Promise<void> {
  const asAdmin = await apiAs(stack.baseUrl, stack.admin);
  await asAdmin('PUT', '/flow-through/organisations', { ...organiser.organisation, kind: 'WIJK_WERK' });
  await asAdmin('POST', '/admin/users', {
    email: organiser.email,
    displayName: organiser.displayName,
    password: organiser.password,
    role: 'ORGANISER',
    organisationIds: [organiser.organisation.id],
    regionId: null,
  });
}

/**
 * A screenshot of the screen for people to look at (artifacts/screenshots, not committed), and no
 * serious or critical accessibility violation on it, named with the elements concerned.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Signs in on the sign-in screen as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/** What must never reach a Dutch screen: raw codes, untranslated keys, English server text, months as YYYY-MM. */
export const NOT_DUTCH: Array<[string, RegExp]> = [
  ['a stable problem code', /\b[A-Z][A-Z0-9]+\.[A-Z][A-Z0-9_]+\b/],
  ['an untranslated key', /\b(?:app|nav|coach|organiser|problems|grid|entry|alerts|dashboard|admin|state)\.[\w.]+\b/],
  ['a raw code in capitals', /\b[A-Z]{5,}(?:_[A-Z]+)*\b/],
  [
    'English server text',
    /must not be (?:greater|less)|must be (?:a|an|one of|shorter|longer) |should not (?:be|exist)|A password needs|Something went wrong|is not valid|Refused by a business rule|The request is not valid/,
  ],
  ['a month as YYYY-MM', /\b20\d{2}-(?:0[1-9]|1[0-2])\b(?!-\d)/],
];

/** Fails when the visible text of a Dutch screen holds any of NOT_DUTCH, naming what and where. */
export async function assertDutchOnly(page: Page): Promise<void> {
  const text = await page.evaluate<string>('document.body.innerText');
  const found = NOT_DUTCH.flatMap(([what, pattern]) => {
    const match = pattern.exec(text);
    return match ? [`${what}: "${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30)}"`] : [];
  });
  expect(found).toEqual([]);
}
