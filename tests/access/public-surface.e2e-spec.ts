import type { INestApplication } from '@nestjs/common';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';
import { type OpenApiDocument, operationsOf } from './openapi';

/**
 * Nothing answers without a token but health, metrics and sign-in (issue 15), and the few other
 * things listed below with their reason. The routes are not listed by hand: they are read from
 * each app's own route table (Express's router, which holds every Nest route, documented in OpenAPI
 * or not, and what Swagger and the gateway mount beside Nest), so a route added later is called
 * without a token here without anyone touching this file, and fails it unless it refuses (401
 * with a token code) or is added to the list below on purpose. Through the gateway, every route of
 * every service (its /api/<service>/ prefix) is called without a token, with an expired one (as a
 * bearer header and as the web app's cookie) and with one signed by another key.
 */

/** What may answer a caller who has no token, and why. Keys are "METHOD path" as the router holds them. */
const OPEN_ON_EVERY_APP: Record<string, string> = {
  'GET /health/live': 'liveness probe',
  'GET /health/ready': 'readiness probe',
  'GET /metrics': 'Prometheus metrics',
  'GET /docs': 'OpenAPI UI (describes the API, holds no data)',
  'GET /docs/index.html': 'OpenAPI UI',
  'GET /docs/': 'OpenAPI UI',
  'GET /docs/LICENSE': 'OpenAPI UI',
  'GET /docs/swagger-ui-init.js': 'OpenAPI UI',
  'GET /docs/docs/swagger-ui-init.js': 'OpenAPI UI',
  'GET /docs-json': 'OpenAPI document',
  'GET /docs-yaml': 'OpenAPI document',
  'USE /docs': 'OpenAPI UI static files',
};

const OPEN_ON_THE_GATEWAY: Record<string, string> = {
  ...OPEN_ON_EVERY_APP,
  'POST /api/auth/sign-in': 'sign-in (web app)',
  'POST /api/auth/token': 'sign-in (API clients)',
  'POST /api/auth/password-link': 'sign-in with a one-time invitation or reset link',
  'POST /api/auth/refresh': 'sign-in with the refresh cookie of a session',
  'POST /api/auth/sign-out': 'ends the session of the refresh cookie it is sent',
  'GET /': 'the web app (or the status page without a built web app)',
  'GET /status': 'status page: the health of every service',
  'GET /api/status': 'the health of every service, as JSON',
  'GET /api/clock': "the services' today, which the sign-in screen needs",
  'USE /': 'the web app: its static files and index.html for its client-side routes',
};

/** The answer of a guarded route to a caller without a (valid) token. */
const TOKEN_CODES = ['AUTH.TOKEN_MISSING', 'AUTH.TOKEN_INVALID', 'AUTH.TOKEN_EXPIRED'];

interface RouteEntry {
  /** An HTTP method in capitals, or USE for middleware mounted on a path. */
  method: string;
  path: string;
}

interface RouterLayer {
  rawPath?: string | string[];
  name?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every route and every path-mounted middleware of an app, from Express's router. */
function routeTable(app: INestApplication): RouteEntry[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const entries: RouteEntry[] = [];
  for (const layer of express.router.stack) {
    if (layer.route) {
      for (const path of [layer.route.path].flat())
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') entries.push({ method: method.toUpperCase(), path });
    } else {
      // Nest's and our global middleware are mounted on "/" without a route; name them by path.
      for (const path of [layer.rawPath ?? '/'].flat()) entries.push({ method: 'USE', path });
    }
  }
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.method} ${entry.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** A concrete URL for a route pattern: every parameter filled with a harmless id. */
function concrete(path: string): string {
  return path
    .replace(/\{([^}]*)\}/g, '$1')
    .replace(/:([A-Za-z0-9_]+)/g, 'probe-$1')
    .replace(/\*([A-Za-z0-9_]+)/g, 'probe');
}

jest.setTimeout(180_000);

describe('what answers without a token', () => {
  const keys = createTestKeyPair();
  const apps: Record<string, INestApplication> = {};
  let webDir = '';
  const http = (name: string) => request(apps[name].getHttpServer());

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'stapsteen-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Stapsteen</title><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("stapsteen")');
    const [flowThrough, hours, coaching, gateway] = await Promise.all([
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem),
      // The services behind it are down (port 9): the gateway must refuse before it forwards.
      createGatewayApp(testGatewayConfig(keys, { WEB_DIST_DIR: webDir })),
    ]);
    Object.assign(apps, { 'flow-through': flowThrough, hours, coaching, gateway });
  });

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
  });

  /**
   * Calls a route without credentials: open when it answered instead of asking for a token. A
   * middleware mounted on a path is open when it serves something below that path by itself (the
   * request logger and metrics mounted on every path pass a request on, and it ends in a 404).
   */
  async function answersWithoutToken(app: string, entry: RouteEntry): Promise<{ open: boolean; seen: string }> {
    if (entry.method === 'USE') {
      const mount = concrete(entry.path).replace(/\/$/, '');
      const below =
        entry.path === '/' ? '/assets/app-1234.js' : mount === '/docs' ? '/docs/swagger-ui.css' : `${mount}/x`;
      // As a browser asks for the web app's and the UI's files; as an API client below any other mount
      // (the web app answers a browser's request for any unknown page with its index.html).
      const accept = entry.path === '/' || mount === '/docs' ? 'text/html,*/*' : 'application/json';
      const response = await http(app).get(below).set('Accept', accept);
      return { open: response.status < 400, seen: `${response.status} for GET ${below}` };
    }
    const method = entry.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
    const response = await http(app)[method](concrete(entry.path)).set('Accept', 'application/json, text/html;q=0.9');
    const code = String(response.body?.code ?? '');
    return {
      open: !(response.status === 401 && TOKEN_CODES.includes(code)),
      seen: `${response.status} ${code}`.trim(),
    };
  }

  it.each(['flow-through', 'hours', 'coaching', 'gateway'])(
    '%s: every route in its route table refuses a caller without a token, but the listed ones',
    async (name) => {
      const table = routeTable(apps[name]);
      const routes = table;
      // The proxies to the services are checked route by route in the next test.
      const own = routes.filter(
        (entry) => !(entry.method === 'USE' && /^\/api\/(hours|coaching|flow-through)$/.test(entry.path)),
      );
      const allowed = name === 'gateway' ? OPEN_ON_THE_GATEWAY : OPEN_ON_EVERY_APP;
      const document = (await http(name).get('/docs-json').expect(200)).body as OpenApiDocument;
      // The route table holds every operation the OpenAPI document describes (so it is not empty by mistake).
      const keysInTable = new Set(
        table.map((entry) => `${entry.method} ${entry.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
      );
      const operations = operationsOf(name, document);
      expect(
        operations.filter((op) => !keysInTable.has(`${op.method} ${op.path}`)).map((op) => op.operationId),
      ).toEqual([]);

      const open: Record<string, string> = {};
      const refused: string[] = [];
      for (const entry of own) {
        const key = `${entry.method} ${entry.path}`;
        const { open: isOpen, seen } = await answersWithoutToken(name, entry);
        if (isOpen) open[key] = seen;
        else refused.push(key);
      }
      console.log(
        `${name}: ${own.length} routes and mounts called without a token (${operations.length} in the OpenAPI document): ` +
          `${refused.length} refused with 401, ${Object.keys(open).length} open: ${Object.keys(open).sort().join(', ')}`,
      );
      // Exactly the listed ones answer: a new open route fails here, and so does a listed one that is gone.
      expect(Object.keys(open).sort()).toEqual(
        Object.keys(allowed)
          .filter((key) => routes.some((entry) => `${entry.method} ${entry.path}` === key))
          .sort(),
      );
      expect(refused.length).toBeGreaterThan(name === 'gateway' ? 5 : 10);
    },
  );

  it('the gateway asks for a valid token on every route of every service before it forwards the call', async () => {
    const expired = await mintToken(
      keys.privateKeyPem,
      { sub: 'admin-expired', role: 'ADMIN' },
      { expiresInSeconds: -60 },
    );
    const forged = await mintToken(createTestKeyPair().privateKeyPem, { sub: 'admin-forged', role: 'ADMIN' });
    const failures: string[] = [];
    let calls = 0;
    let routes = 0;
    for (const service of ['flow-through', 'hours', 'coaching']) {
      for (const entry of routeTable(apps[service]).filter((e) => e.method !== 'USE')) {
        routes += 1;
        const url = `/api/${service}${concrete(entry.path)}`;
        const method = entry.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const cases: [string, (call: request.Test) => request.Test, string][] = [
          ['no token', (call) => call, 'AUTH.TOKEN_MISSING'],
          ['an expired bearer token', (call) => call.set('Authorization', `Bearer ${expired}`), 'AUTH.TOKEN_EXPIRED'],
          [
            'an expired cookie',
            (call) => call.set('Cookie', `stapsteen_at=${expired}`).set('X-Requested-With', 'stapsteen-web'),
            'AUTH.TOKEN_EXPIRED',
          ],
          [
            'a token signed with another key',
            (call) => call.set('Authorization', `Bearer ${forged}`),
            'AUTH.TOKEN_INVALID',
          ],
        ];
        for (const [who, prepare, expected] of cases) {
          calls += 1;
          const response = await prepare(http('gateway')[method](url));
          if (response.status !== 401 || response.body?.code !== expected)
            failures.push(`${entry.method} ${url} with ${who}: ${response.status} ${response.body?.code ?? ''}`);
        }
      }
    }
    console.log(
      `gateway proxy: ${routes} service routes × 4 credentials = ${calls} calls, ${failures.length} not refused`,
    );
    expect(routes).toBeGreaterThan(60);
    expect(failures).toEqual([]);
  });
});
