import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { createTestKeyPair } from '@stapsteen/testing';
import { createHash, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { cookieValue, testGatewayConfig } from './gateway-fixture';

const suffix = randomUUID().slice(0, 8);
const organisation = `org-neteland-${suffix}`;
const ADMIN = { email: `admin-${suffix}@stapsteen.be`, password: 'bootstrap admin passphrase' };
const WEB = 'x-requested-with';
const HOUR = 3600_000;

const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token') ?? '';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Invitation and reset links against the real database (FerretDB in the test stack). */
describe('password links through the gateway', () => {
  const keys = createTestKeyPair();
  let gateway: INestApplication;
  let adminBearer: string;
  let links: ReturnType<Connection['collection']>;
  const http = () => request(gateway.getHttpServer());

  beforeAll(async () => {
    gateway = await createGatewayApp(
      testGatewayConfig(keys, {
        MONGODB_DB: `test-links-${suffix}`,
        GATEWAY_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
        GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        // The throttle test speaks from its own address (X-Forwarded-For from loopback is believed).
        GATEWAY_TRUST_PROXY: 'loopback',
      }),
    );
    await gateway.listen(0, '127.0.0.1');
    const token = await http().post('/api/auth/token').send(ADMIN).expect(200);
    adminBearer = `Bearer ${token.body.accessToken}`;
    links = gateway.get<Connection>(getConnectionToken()).collection('password_links');
  });

  afterAll(async () => gateway?.close());

  const invite = (email: string) =>
    http()
      .post('/api/admin/users')
      .set('Authorization', adminBearer)
      .send({ email, displayName: 'Nieuwe Persoon', role: 'ORGANISER', organisationIds: [organisation] })
      .expect(201);
  const use = (token: string, password: string, from = '127.0.0.1') =>
    http()
      .post('/api/auth/password-link')
      .set(WEB, 'stapsteen-web')
      .set('X-Forwarded-For', from)
      .send({ token, password });
  const signIn = (email: string, password: string) =>
    http().post('/api/auth/sign-in').set(WEB, 'stapsteen-web').send({ email, password });

  it('creates a user without a password and answers a 72-hour invitation stored only as a hash', async () => {
    const before = Date.now();
    const created = await invite(`nina-${suffix}@neteland.be`);
    const after = Date.now();
    expect(created.body).toEqual({
      id: expect.any(String),
      email: `nina-${suffix}@neteland.be`,
      displayName: 'Nieuwe Persoon',
      role: 'ORGANISER',
      organisationIds: [organisation],
      regionId: null,
      active: true,
      invitation: {
        kind: 'INVITATION',
        path: expect.stringMatching(/^\/wachtwoord-instellen\?token=[A-Za-z0-9_-]{43}$/),
        expiresAt: expect.any(String),
      },
    });
    const expiresAt = Date.parse(created.body.invitation.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 72 * HOUR);
    expect(expiresAt).toBeLessThanOrEqual(after + 72 * HOUR);
    const token = tokenOf(created.body.invitation.path);
    const stored = await links.find({}).toArray();
    expect(stored.map((d) => d._id)).toContain(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    // Nobody can sign in to the account before its holder sets a password.
    expect((await signIn(`nina-${suffix}@neteland.be`, '').expect(401)).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    const listed = await http().get('/api/admin/users').set('Authorization', adminBearer).expect(200);
    expect(listed.body.find((u: { id: string }) => u.id === created.body.id)).not.toHaveProperty('invitation');
  });

  it('lets exactly one of parallel uses of the same link set the password, and signs that one in', async () => {
    const email = `piet-${suffix}@neteland.be`;
    const token = tokenOf((await invite(email)).body.invitation.path);
    const passwords = Array.from({ length: 6 }, (_, i) => `parallel password number ${i}`);
    const answers = await Promise.all(passwords.map((password) => use(token, password)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.code).toBe('AUTH.INVITE_USED');
    const winner = answers.findIndex((a) => a.status === 200);
    expect(answers[winner].body.user).toMatchObject({ email, role: 'ORGANISER' });
    const me = await http()
      .get('/api/me')
      .set('Cookie', `stapsteen_at=${cookieValue(answers[winner], 'stapsteen_at')}`)
      .expect(200);
    expect(me.body.email).toBe(email);
    await signIn(email, passwords[winner]).expect(200);
    for (const [i, password] of passwords.entries()) if (i !== winner) await signIn(email, password).expect(401);
    // Used once, refused ever after.
    expect((await use(token, 'yet another long password').expect(409)).body.code).toBe('AUTH.INVITE_USED');
  });

  it('refuses a password outside the policy in Dutch-translatable codes without spending the link', async () => {
    const token = tokenOf((await invite(`kort-${suffix}@neteland.be`)).body.invitation.path);
    expect((await use(token, 'te kort').expect(422)).body.code).toBe('GATEWAY.PASSWORD_TOO_SHORT');
    await use(token, 'lang genoeg wachtwoord').expect(200);
  });

  it('refuses an expired link, an unknown one, and one replaced by a newer link', async () => {
    const created = await invite(`laat-${suffix}@neteland.be`);
    const first = tokenOf(created.body.invitation.path);
    await links.updateOne({ _id: sha256(first) as never }, { $set: { expiresAt: Date.now() - 1 } });
    expect((await use(first, 'lang genoeg wachtwoord').expect(410)).body.code).toBe('AUTH.INVITE_EXPIRED');
    expect((await use('x'.repeat(43), 'lang genoeg wachtwoord').expect(404)).body.code).toBe('AUTH.INVITE_INVALID');
    const again = await http()
      .post(`/api/admin/users/${created.body.id}/password-link`)
      .set('Authorization', adminBearer)
      .expect(201);
    expect(again.body.kind).toBe('INVITATION');
    const newer = await http()
      .post(`/api/admin/users/${created.body.id}/password-link`)
      .set('Authorization', adminBearer)
      .expect(201);
    expect((await use(tokenOf(again.body.path), 'lang genoeg wachtwoord').expect(404)).body.code).toBe(
      'AUTH.INVITE_INVALID',
    );
    await use(tokenOf(newer.body.path), 'lang genoeg wachtwoord').expect(200);
  });

  it('issues a one-hour reset; the old password and sessions keep working until it is used, then end', async () => {
    const email = `reset-${suffix}@neteland.be`;
    await use(tokenOf((await invite(email)).body.invitation.path), 'het eerste wachtwoord').expect(200);
    const session = await signIn(email, 'het eerste wachtwoord').expect(200);
    const user = session.body.user as { id: string };
    const before = Date.now();
    const reset = await http()
      .post(`/api/admin/users/${user.id}/password-link`)
      .set('Authorization', adminBearer)
      .expect(201);
    expect(reset.body.kind).toBe('RESET');
    expect(Date.parse(reset.body.expiresAt) - before).toBeGreaterThanOrEqual(HOUR);
    expect(Date.parse(reset.body.expiresAt) - before).toBeLessThan(HOUR + 60_000);
    const refresh = () =>
      http()
        .post('/api/auth/refresh')
        .set(WEB, 'stapsteen-web')
        .set('Cookie', `stapsteen_rt=${cookieValue(session, 'stapsteen_rt')}`);
    await refresh().expect(200);
    await signIn(email, 'het eerste wachtwoord').expect(200);
    await use(tokenOf(reset.body.path), 'het tweede wachtwoord').expect(200);
    expect((await refresh().expect(401)).body.code).toMatch(/^AUTH\.REFRESH_(INVALID|REUSED)$/);
    await signIn(email, 'het eerste wachtwoord').expect(401);
    await signIn(email, 'het tweede wachtwoord').expect(200);
  });

  it('throttles the public endpoint per client address like sign-in (the 21st attempt in 15 minutes)', async () => {
    const from = '203.0.113.9';
    for (let i = 0; i < 20; i += 1) await use(`guess-${i}`, 'lang genoeg wachtwoord', from).expect(404);
    const refused = await use('guess-21', 'lang genoeg wachtwoord', from).expect(429);
    expect(refused.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    await use('guess-22', 'lang genoeg wachtwoord', '203.0.113.10').expect(404);
  });
});
