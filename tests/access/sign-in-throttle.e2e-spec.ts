import type { INestApplication } from '@nestjs/common';
import { createTestKeyPair } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';

/**
 * Sign-in is rate-limited (ADR 7: 5 failures per account and 20 per client address in 15 minutes),
 * and the ways around the limit an attacker would try first do not get around it: switching
 * between the web app's sign-in and the API clients' token endpoint, writing the same email
 * differently, and signing in with an account of one's own in between failures. The gateway
 * trusts X-Forwarded-For from loopback here, so each case speaks from addresses of its own.
 * (tests/e2e/gateway.e2e-spec.ts has parallel attempts; gateway-hardening.e2e-spec.ts the
 * per-address rule behind a proxy.)
 */

const PASSWORD = 'a long enough password';
const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 20;

describe('the sign-in rate limit', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const admin = { email: `admin-${suffix}@stapsteen.test`, password: 'bootstrap admin passphrase' };
  let gateway: INestApplication;
  let adminToken = '';
  const http = () => request(gateway.getHttpServer());

  const endpoints = {
    'sign-in': (from: string, email: string, password: string) =>
      http()
        .post('/api/auth/sign-in')
        .set('X-Forwarded-For', from)
        .set('X-Requested-With', 'stapsteen-web')
        .send({ email, password }),
    token: (from: string, email: string, password: string) =>
      http().post('/api/auth/token').set('X-Forwarded-For', from).send({ email, password }),
  };

  async function createUser(email: string): Promise<void> {
    await http()
      .post('/api/admin/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ email, displayName: 'Test Persoon', password: PASSWORD, role: 'ORGANISER', organisationIds: ['org-x'] })
      .expect(201);
  }

  beforeAll(async () => {
    gateway = await createGatewayApp(
      testGatewayConfig(keys, {
        GATEWAY_TRUST_PROXY: 'loopback',
        GATEWAY_BOOTSTRAP_ADMIN_EMAIL: admin.email,
        GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      }),
    );
    adminToken = (await endpoints.token('192.0.2.250', admin.email, admin.password).expect(200)).body.accessToken;
  });

  afterAll(async () => gateway?.close());

  it('counts an account’s failures on the web sign-in and the token endpoint together', async () => {
    const email = `carla-${suffix}@neteland.be`;
    await createUser(email);
    const statuses: string[] = [];
    for (let i = 0; i < ACCOUNT_LIMIT + 1; i += 1) {
      const endpoint = i % 2 === 0 ? 'sign-in' : 'token';
      statuses.push(`${endpoint} ${(await endpoints[endpoint]('192.0.2.10', email, 'guessing passwords')).status}`);
    }
    expect(statuses).toEqual(['sign-in 401', 'token 401', 'sign-in 401', 'token 401', 'sign-in 401', 'token 429']);
    // The right password is refused too while the account is locked, on both, from anywhere.
    for (const [endpoint, from] of [
      ['sign-in', '192.0.2.11'],
      ['token', '192.0.2.12'],
    ] as const) {
      const refused = await endpoints[endpoint](from, email, PASSWORD).expect(429);
      expect(refused.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('counts an account’s failures however its email is written', async () => {
    const email = `dana-${suffix}@neteland.be`;
    await createUser(email);
    const variants = [email.toUpperCase(), ` ${email} `, `Dana-${suffix}@Neteland.be`, `${email}\t`, email];
    // Each from an address of its own, so only the account's count can refuse.
    const statuses = [];
    for (const [i, variant] of variants.entries())
      statuses.push((await endpoints.token(`198.51.100.${i + 1}`, variant, 'guessing passwords')).status);
    expect(statuses).toEqual(Array(ACCOUNT_LIMIT).fill(401));
    await endpoints.token('198.51.100.99', email, PASSWORD).expect(429);
  });

  it('does not let a sign-in with one’s own account wipe the failures counted for the address', async () => {
    const own = `eve-${suffix}@neteland.be`;
    await createUser(own);
    const from = '203.0.113.66';
    const guess = (i: number) => endpoints.token(from, `nobody-${i}-${suffix}@neteland.be`, 'guessing passwords');
    const statuses: number[] = [];
    for (let i = 0; i < ADDRESS_LIMIT - 1; i += 1) statuses.push((await guess(i)).status);
    // A success is no failure of the address, but it forgives only itself.
    await endpoints.token(from, own, PASSWORD).expect(200);
    statuses.push((await guess(ADDRESS_LIMIT)).status);
    expect(statuses).toEqual(Array(ADDRESS_LIMIT).fill(401));
    const refused = await guess(ADDRESS_LIMIT + 1).expect(429);
    expect(refused.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    // ... and the address is now refused even with the right password.
    await endpoints.token(from, own, PASSWORD).expect(429);
  });

  it('counts the addresses of one IPv6 /64 as one client, and another /64 apart', async () => {
    const guess = (from: string, i: number) =>
      endpoints.token(from, `nobody-v6-${i}-${suffix}@neteland.be`, 'guessing passwords');
    const statuses: number[] = [];
    // A client that picks a new address of its /64 for every guess.
    for (let i = 1; i <= ADDRESS_LIMIT; i += 1)
      statuses.push((await guess(`2001:db8:15:7::${i.toString(16)}`, i)).status);
    expect(statuses).toEqual(Array(ADDRESS_LIMIT).fill(401));
    await guess('2001:db8:15:7:ffff:ffff:ffff:ffff', 99).expect(429);
    await guess('2001:db8:15:8::1', 100).expect(401);
    // The password-link endpoint counts the same way.
    const links: number[] = [];
    for (let i = 1; i <= ADDRESS_LIMIT + 1; i += 1)
      links.push(
        (
          await http()
            .post('/api/auth/password-link')
            .set('X-Forwarded-For', `2001:db8:16:1::${i.toString(16)}`)
            .send({ token: `guess-${i}`, password: 'lang genoeg wachtwoord' })
        ).status,
      );
    expect(links.slice(0, ADDRESS_LIMIT).every((status) => status !== 429)).toBe(true);
    expect(links[ADDRESS_LIMIT]).toBe(429);
  });
});
