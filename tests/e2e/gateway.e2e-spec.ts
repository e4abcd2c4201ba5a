import { INestApplication } from '@nestjs/common';
import { createTestKeyPair, feedParticipant, mintToken, startTestService, testToday } from '@stapsteen/testing';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { Server, createServer, get } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { cookieValue, cookiesOf, testGatewayConfig } from './gateway-fixture';

const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const organisation = `org-neteland-${suffix}`;
const otherOrganisation = `org-herentals-${suffix}`;
/** Last year as the services see it (their clock, STAPSTEEN_TODAY honoured). */
const YEAR = Number(testToday().slice(0, 4)) - 1;
const ADMIN = { email: `admin-${suffix}@stapsteen.be`, password: 'bootstrap admin passphrase' };
const WEB = 'x-requested-with';

describe('the gateway', () => {
  const keys = createTestKeyPair();
  let hours: INestApplication;
  let gateway: INestApplication;
  let sse: Server;
  let adminBearer: string;
  let webDir: string;
  const http = () => request(gateway.getHttpServer());

  beforeAll(async () => {
    hours = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem);
    await hours.listen(0, '127.0.0.1');
    // A stand-in for the flow-through alert stream: one event at once, the next only on demand.
    sse = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write(
        `data: ${JSON.stringify({ path: req.url, auth: req.headers.authorization?.slice(0, 7), cookie: req.headers.cookie ?? null })}\n\n`,
      );
    });
    await new Promise<void>((resolve) => sse.listen(0, '127.0.0.1', resolve));
    webDir = mkdtempSync(join(tmpdir(), 'stapsteen-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Stapsteen</title><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("stapsteen")');
    const config = testGatewayConfig(keys, {
      MONGODB_DB: `test-gateway-${suffix}`,
      HOURS_URL: `http://127.0.0.1:${(hours.getHttpServer().address() as AddressInfo).port}`,
      FLOW_THROUGH_URL: `http://127.0.0.1:${(sse.address() as AddressInfo).port}`,
      WEB_DIST_DIR: webDir,
      GATEWAY_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    gateway = await createGatewayApp(config);
    await gateway.listen(0, '127.0.0.1');
    const token = await http().post('/api/auth/token').send(ADMIN).expect(200);
    expect(token.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    adminBearer = `Bearer ${token.body.accessToken}`;
  });

  afterAll(async () => {
    await gateway?.close();
    await hours?.close();
    sse?.closeAllConnections();
    await new Promise((resolve) => sse?.close(resolve));
  });

  const createUser = (
    email: string,
    role = 'ORGANISER',
    organisationIds = [organisation],
    regionId: string | null = region,
  ) =>
    http().post('/api/admin/users').set('Authorization', adminBearer).send({
      email,
      displayName: 'Test Persoon',
      password: 'a long enough password',
      role,
      organisationIds,
      regionId,
    });

  const signIn = (email: string, password = 'a long enough password') =>
    http().post('/api/auth/sign-in').set(WEB, 'stapsteen-web').send({ email, password });

  it('signs in with both cookies httpOnly and SameSite=Strict, the refresh cookie only for /api/auth', async () => {
    await createUser(`an-${suffix}@neteland.be`).expect(201);
    const response = await signIn(`AN-${suffix}@Neteland.be`).expect(200);
    expect(response.body.user).toMatchObject({ role: 'ORGANISER', organisationIds: [organisation], regionId: region });
    expect(response.body.user.passwordHash).toBeUndefined();
    const [access, refresh] = ['stapsteen_at', 'stapsteen_rt'].map((name) =>
      cookiesOf(response).find((c) => c.startsWith(`${name}=`)),
    );
    expect(access).toMatch(/HttpOnly/i);
    expect(access).toMatch(/SameSite=Strict/i);
    expect(access).toMatch(/Path=\/(;|$)/);
    expect(refresh).toMatch(/HttpOnly/i);
    expect(refresh).toMatch(/SameSite=Strict/i);
    expect(refresh).toMatch(/Path=\/api\/auth/);
    const me = await http()
      .get('/api/me')
      .set('Cookie', `stapsteen_at=${cookieValue(response, 'stapsteen_at')}`)
      .expect(200);
    expect(me.body).toMatchObject({ email: `an-${suffix}@neteland.be`, role: 'ORGANISER' });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    await createUser(`bert-${suffix}@neteland.be`).expect(201);
    const wrong = await signIn(`bert-${suffix}@neteland.be`, 'not the password at all').expect(401);
    const unknown = await signIn(`nobody-${suffix}@neteland.be`, 'not the password at all').expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, correlationId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('AUTH.INVALID_CREDENTIALS');
  });

  it('refuses the sixth failed attempt with 429 and Retry-After, even when they arrive in parallel', async () => {
    await createUser(`carla-${suffix}@neteland.be`).expect(201);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => signIn(`carla-${suffix}@neteland.be`, 'guessing passwords')),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const refused = await signIn(`carla-${suffix}@neteland.be`).expect(429);
    expect(refused.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates the refresh token, and a reused one ends the session', async () => {
    await createUser(`dirk-${suffix}@neteland.be`).expect(201);
    const signedIn = await signIn(`dirk-${suffix}@neteland.be`).expect(200);
    const refresh = (token: string) =>
      http().post('/api/auth/refresh').set(WEB, 'stapsteen-web').set('Cookie', `stapsteen_rt=${token}`);
    const first = cookieValue(signedIn, 'stapsteen_rt')!;
    const refreshed = await refresh(first).expect(200);
    const second = cookieValue(refreshed, 'stapsteen_rt')!;
    expect(second).not.toEqual(first);
    expect(cookieValue(refreshed, 'stapsteen_at')).toBeTruthy();
    // A call that raced the rotation, inside the grace window (ADR 19): the same new token.
    const raced = await refresh(first).expect(200);
    expect(cookieValue(raced, 'stapsteen_rt')).toBe(second);
    const third = cookieValue(await refresh(second).expect(200), 'stapsteen_rt')!;
    // `first` is two rotations old: that is reuse, and it ends the session.
    const reused = await refresh(first).expect(401);
    expect(reused.body.code).toBe('AUTH.REFRESH_REUSED');
    expect((await refresh(third).expect(401)).body.code).toBe('AUTH.REFRESH_INVALID');
  });

  it('signs out: the refresh token no longer works and the cookies are cleared', async () => {
    await createUser(`els-${suffix}@neteland.be`).expect(201);
    const signedIn = await signIn(`els-${suffix}@neteland.be`).expect(200);
    const rt = cookieValue(signedIn, 'stapsteen_rt')!;
    const out = await http()
      .post('/api/auth/sign-out')
      .set(WEB, 'stapsteen-web')
      .set('Cookie', `stapsteen_rt=${rt}`)
      .expect(204);
    expect(cookiesOf(out).some((c) => /^stapsteen_at=;/.test(c))).toBe(true);
    await http().post('/api/auth/refresh').set(WEB, 'stapsteen-web').set('Cookie', `stapsteen_rt=${rt}`).expect(401);
  });

  it('requires the X-Requested-With header on cookie-authenticated changes, not on bearer calls', async () => {
    const signedIn = await signIn(ADMIN.email, ADMIN.password).expect(200);
    const at = `stapsteen_at=${cookieValue(signedIn, 'stapsteen_at')}`;
    const body = {
      email: `frank-${suffix}@neteland.be`,
      displayName: 'Frank',
      password: 'a long enough password',
      role: 'COACH',
      organisationIds: [organisation],
      regionId: region,
    };
    const refused = await http().post('/api/admin/users').set('Cookie', at).send(body).expect(403);
    expect(refused.body.code).toBe('AUTH.CSRF_HEADER_MISSING');
    const proxied = await http().post('/api/hours/prestations').set('Cookie', at).send({}).expect(403);
    expect(proxied.body.code).toBe('AUTH.CSRF_HEADER_MISSING');
    await http().post('/api/admin/users').set('Cookie', at).set(WEB, 'stapsteen-web').send(body).expect(201);
    await http().get('/api/me').set('Cookie', at).expect(200);
  });

  it('lets only an ADMIN manage users', async () => {
    const organiserToken = await mintToken(keys.privateKeyPem, {
      sub: 'x',
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
    const forbidden = await http().get('/api/admin/users').set('Authorization', `Bearer ${organiserToken}`).expect(403);
    expect(forbidden.body.code).toBe('AUTH.ROLE_FORBIDDEN');
    await http().get('/api/admin/users').expect(401);
    const created = await createUser(`gert-${suffix}@neteland.be`, 'REGIONAL_MANAGER', [], region).expect(201);
    expect((await createUser(`GERT-${suffix}@neteland.be`).expect(409)).body.code).toBe('GATEWAY.USER_EXISTS');
    expect((await createUser(`hilde-${suffix}@neteland.be`, 'REGIONAL_MANAGER', [], null).expect(422)).body.code).toBe(
      'GATEWAY.MANAGER_WITHOUT_REGION',
    );
    const list = await http().get('/api/admin/users').set('Authorization', adminBearer).expect(200);
    expect(list.body.map((u: { email: string }) => u.email)).toContain(`gert-${suffix}@neteland.be`);
    const id = created.body.id;
    await http().patch(`/api/admin/users/${id}`).set('Authorization', adminBearer).send({ active: false }).expect(200);
    await signIn(`gert-${suffix}@neteland.be`).expect(401);
    await http().patch(`/api/admin/users/${id}`).set('Authorization', adminBearer).send({ active: true }).expect(200);
    await http()
      .put(`/api/admin/users/${id}/password`)
      .set('Authorization', adminBearer)
      .send({ password: 'short' })
      .expect(422);
    await http()
      .put(`/api/admin/users/${id}/password`)
      .set('Authorization', adminBearer)
      .send({ password: 'a brand new passphrase' })
      .expect(204);
    await signIn(`gert-${suffix}@neteland.be`, 'a brand new passphrase').expect(200);
  });

  describe('proxying to the services', () => {
    it('forwards an organiser to the hours service with their scope; another organisation stays 404', async () => {
      const admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN' });
      const participantId = await feedParticipant(hours, admin, {
        organisationId: organisation,
        regionId: region,
        startedOn: `${YEAR}-01-05`,
        monthlyHoursTarget: 20,
      });
      await createUser(`ine-${suffix}@herentals.be`, 'ORGANISER', [otherOrganisation]).expect(201);
      const own = await http()
        .post('/api/auth/token')
        .send({ email: `an-${suffix}@neteland.be`, password: 'a long enough password' })
        .expect(200);
      const other = await http()
        .post('/api/auth/token')
        .send({ email: `ine-${suffix}@herentals.be`, password: 'a long enough password' })
        .expect(200);
      const year = await http()
        .get(`/api/hours/participants/${participantId}/hours?year=${YEAR}`)
        .set('Authorization', `Bearer ${own.body.accessToken}`)
        .expect(200);
      expect(year.body).toMatchObject({ participantId, year: YEAR, yearCounted: 0, yearRemaining: 630 });
      await http()
        .get(`/api/hours/participants/${participantId}/hours?year=${YEAR}`)
        .set('Authorization', `Bearer ${other.body.accessToken}`)
        .expect(404);
      // The web app's way: the cookie becomes a bearer header at the service.
      const web = await signIn(`an-${suffix}@neteland.be`).expect(200);
      await http()
        .get(`/api/hours/participants/${participantId}/hours?year=${YEAR}`)
        .set('Cookie', `stapsteen_at=${cookieValue(web, 'stapsteen_at')}`)
        .expect(200);
    });

    it('refuses an unauthenticated call at the gateway already', async () => {
      const response = await http().get('/api/hours/organisations/x/months/2026-01').expect(401);
      expect(response.body.code).toBe('AUTH.TOKEN_MISSING');
    });

    it('streams a multipart upload to the service', async () => {
      const response = await http()
        .post('/api/hours/imports')
        .set('Authorization', adminBearer)
        .field('organisationId', organisation)
        .attach('file', Buffer.from('naam;uren\nSofie;3'), { filename: 'prestaties.csv', contentType: 'text/csv' })
        .expect(400);
      // Only the service, having read the file, can tell which columns are missing.
      expect(response.body.code).toBe('IMPORT.MISSING_COLUMNS');
    });

    it('streams server-sent events unbuffered, as a bearer call without cookies', async () => {
      const { port } = gateway.getHttpServer().address() as AddressInfo;
      const first = await new Promise<string>((resolve, reject) => {
        const req = get(
          {
            host: '127.0.0.1',
            port,
            path: '/api/flow-through/alerts/stream?x=1',
            headers: { Cookie: 'stapsteen_at=junk; other=1', Authorization: adminBearer, Accept: 'text/event-stream' },
          },
          (res) => {
            expect(res.headers['content-type']).toMatch(/text\/event-stream/);
            // The stand-in never ends its response: this resolves only if the event is not held back.
            res.once('data', (chunk: Buffer) => {
              resolve(chunk.toString());
              req.destroy();
            });
          },
        );
        req.on('error', reject);
      });
      expect(JSON.parse(first.replace(/^data: /, ''))).toEqual({
        path: '/alerts/stream?x=1',
        auth: 'Bearer ',
        cookie: null,
      });
    });

    it('answers 502 GATEWAY.SERVICE_UNAVAILABLE when a service is down', async () => {
      const response = await http().get('/api/coaching/competencies').set('Authorization', adminBearer).expect(502);
      expect(response.body).toMatchObject({ code: 'GATEWAY.SERVICE_UNAVAILABLE', status: 502 });
    });
  });

  describe('serving the web app', () => {
    it('serves static files and index.html for client-side routes, but not for the API', async () => {
      const asset = await http().get('/assets/app-1234.js').expect(200);
      expect(asset.text).toContain('stapsteen');
      const route = await http().get('/deelnemers/123').set('Accept', 'text/html').expect(200);
      expect(route.text).toContain('<div id="root">');
      expect(route.headers['content-security-policy']).toContain("script-src 'self'");
      expect(route.headers['content-security-policy']).toContain("img-src 'self' data:");
      const api = await http().get('/api/nothing-here').set('Accept', 'text/html').expect(404);
      expect(api.text).not.toContain('<div id="root">');
      const status = await http().get('/status').set('Accept', 'text/html').expect(200);
      expect(status.text).toContain('Uren');
      const json = await http().get('/api/status').expect(200);
      expect(json.body.map((s: { name: string }) => s.name)).toEqual(['flow-through', 'hours', 'coaching']);
      // Public: a burst of callers shares one round of asking the services (at most one per 5 s).
      const again = await http().get('/api/status').expect(200);
      const checkedAt = (body: Array<{ checkedAt: string }>) => body.map((s) => s.checkedAt);
      expect(checkedAt(again.body)).toEqual(checkedAt(json.body));
    });
  });
});
