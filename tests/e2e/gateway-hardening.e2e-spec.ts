import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { createTestKeyPair } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { AccountsPurge } from '../../services/gateway/src/accounts/interface/accounts-purge';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { testGatewayConfig } from './gateway-fixture';

/** The per-IP sign-in rule: 20 failures per 15 minutes (ADR 7). */
const IP_LIMIT = 20;

describe('the gateway behind a proxy, and what it keeps', () => {
  const keys = createTestKeyPair();
  let direct: INestApplication;
  let behindProxy: INestApplication;

  beforeAll(async () => {
    [direct, behindProxy] = await Promise.all([
      createGatewayApp(testGatewayConfig(keys)),
      // supertest connects over loopback, as a reverse proxy on the same host would.
      createGatewayApp(testGatewayConfig(keys, { GATEWAY_TRUST_PROXY: 'loopback' })),
    ]);
  });

  afterAll(async () => Promise.all([direct?.close(), behindProxy?.close()]));

  /** Failed sign-ins for different unknown emails (so only the IP rule can refuse), one after another. */
  async function failedSignIns(app: INestApplication, count: number, forwardedFor: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const response = await request(app.getHttpServer())
        .post('/api/auth/token')
        .set('X-Forwarded-For', forwardedFor(i))
        .send({ email: `nobody-${i}-${Date.now()}@neteland.be`, password: 'guessing passwords' });
      statuses.push(response.status);
    }
    return statuses;
  }

  it('ignores X-Forwarded-For by default, so a client cannot dodge the per-IP throttle', async () => {
    const statuses = await failedSignIns(direct, IP_LIMIT + 1, (i) => `203.0.113.${i + 1}`);
    expect(statuses.slice(0, IP_LIMIT)).toEqual(Array(IP_LIMIT).fill(401));
    expect(statuses[IP_LIMIT]).toBe(429);
  });

  it('counts each client address a trusted proxy reports, so one office does not lock out another', async () => {
    const spread = await failedSignIns(behindProxy, IP_LIMIT + 1, (i) => `198.51.100.${i + 1}`);
    expect(spread).toEqual(Array(IP_LIMIT + 1).fill(401));
    const oneClient = await failedSignIns(behindProxy, IP_LIMIT + 1, () => '192.0.2.77');
    expect(oneClient[IP_LIMIT]).toBe(429);
  });

  it('deletes sessions long expired and sign-in counters a day old from the database, and keeps current ones', async () => {
    const connection = direct.get<Connection>(getConnectionToken());
    const sessions = connection.collection<{ _id: string; [field: string]: unknown }>('sessions');
    const counters = connection.collection<{ _id: string; [field: string]: unknown }>('sign_in_attempts');
    const dayAgo = Date.now() - 25 * 3600_000;
    await sessions.insertMany([
      {
        _id: 'expired-long-ago',
        userId: 'u',
        currentHash: 'h',
        previousHashes: [],
        expiresAt: dayAgo,
        revoked: false,
        version: 0,
      },
      {
        _id: 'still-current',
        userId: 'u',
        currentHash: 'h',
        previousHashes: [],
        expiresAt: Date.now() + 3600_000,
        revoked: false,
        version: 0,
      },
    ]);
    await counters.insertMany([
      { _id: 'ip:stale', windowStart: dayAgo, count: 3 },
      { _id: 'ip:fresh', windowStart: Date.now(), count: 1 },
    ]);
    await direct.get(AccountsPurge).run();
    const left = async (collection: typeof sessions, ids: string[]) =>
      (await collection.find({ _id: { $in: ids } }).toArray()).map((doc) => doc._id).sort();
    expect(await left(sessions, ['expired-long-ago', 'still-current'])).toEqual(['still-current']);
    expect(await left(counters, ['ip:stale', 'ip:fresh'])).toEqual(['ip:fresh']);
  });
});
