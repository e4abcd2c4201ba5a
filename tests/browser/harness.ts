import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@stapsteen/config';
import { createTestKeyPair, startTestService } from '@stapsteen/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, chromium } from 'playwright-core';
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
      },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/** The web app built once into a temp folder, the three services and the gateway in-process, Debian's Chromium. */
export async function bootStack(): Promise<Stack> {
  const webDir = mkdtempSync(path.join(tmpdir(), 'stapsteen-web-'));
  const configFile = path.join(root, 'services', 'gateway', 'web', 'vite.config.ts');
  const keys = createTestKeyPair();
  const [, flowThrough, hours, coaching] = await Promise.all([
    buildWeb(configFile, webDir),
    startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
    startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
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
      await browser.close();
      await Promise.all([gateway, flowThrough, hours, coaching].map((app) => app.close()));
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}
