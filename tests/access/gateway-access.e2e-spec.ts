import type { INestApplication } from '@nestjs/common';
import { ROLES, type Role } from '@stapsteen/auth';
import { createTestKeyPair, mintToken } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';
import { type OpenApiDocument, exampleBody, operationsOf } from './openapi';
import { routeAccess } from './route-roles';

/**
 * The gateway's own API (sign-in, sessions, the caller's account, user administration), taken from
 * its OpenAPI document so a route added later is covered without editing this file: every
 * operation with no token, an expired one, a forged one and a real account of each role.
 * The proxied service routes are covered by the services' own matrix.
 */

const TOKEN_CODES = ['AUTH.TOKEN_MISSING', 'AUTH.TOKEN_INVALID', 'AUTH.TOKEN_EXPIRED'];

describe("access to the gateway's own endpoints: every operation × role", () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const admin = { email: `admin-${suffix}@stapsteen.test`, password: 'bootstrap admin passphrase' };
  let gateway: INestApplication;
  let document: OpenApiDocument;
  const accounts = new Map<Role, { id: string; token: string }>();
  let targetUserId = '';
  const http = () => request(gateway.getHttpServer());

  beforeAll(async () => {
    gateway = await createGatewayApp(
      testGatewayConfig(keys, {
        GATEWAY_BOOTSTRAP_ADMIN_EMAIL: admin.email,
        GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      }),
    );
    await gateway.init();
    document = (await http().get('/docs-json').expect(200)).body as OpenApiDocument;
    const adminToken = (await http().post('/api/auth/token').send(admin).expect(200)).body.accessToken as string;
    const create = (role: Role, email: string) =>
      http()
        .post('/api/admin/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({
          email,
          displayName: `Matrix ${role}`,
          password: 'a long enough password',
          role,
          organisationIds: role === 'ORGANISER' || role === 'COACH' ? [`org-a-${suffix}`] : [],
          regionId: role === 'REGIONAL_MANAGER' ? `region-1-${suffix}` : null,
        })
        .expect(201);
    for (const role of ROLES) {
      if (role === 'ADMIN') {
        const me = await http().get('/api/me').set('Authorization', `Bearer ${adminToken}`).expect(200);
        accounts.set(role, { id: me.body.id, token: adminToken });
        continue;
      }
      const email = `${role.toLowerCase()}-${suffix}@stapsteen.test`;
      const created = await create(role, email);
      const token = (
        await http().post('/api/auth/token').send({ email, password: 'a long enough password' }).expect(200)
      ).body.accessToken as string;
      accounts.set(role, { id: created.body.id, token });
    }
    // The user the administration operations act on, so they change nobody the matrix signs in as.
    targetUserId = (await create('ORGANISER', `target-${suffix}@stapsteen.test`)).body.id;
  });

  afterAll(async () => gateway?.close());

  it('answers every operation according to its roles, never with a server error', async () => {
    const access = routeAccess(gateway);
    const operations = operationsOf('gateway', document);
    expect(operations.length).toBeGreaterThanOrEqual(9);
    const expired = await mintToken(
      keys.privateKeyPem,
      { sub: accounts.get('ADMIN')!.id, role: 'ADMIN' },
      {
        expiresInSeconds: -60,
      },
    );
    const forged = await mintToken(createTestKeyPair().privateKeyPem, {
      sub: accounts.get('ADMIN')!.id,
      role: 'ADMIN',
    });
    const failures: string[] = [];
    let requests = 0;

    for (const operation of operations) {
      const route = access.get(`${operation.method} ${operation.path}`);
      if (!route) {
        failures.push(`${operation.method} ${operation.path}: no route metadata`);
        continue;
      }
      const unknownParam = operation.pathParams.find((name) => name !== 'id');
      if (unknownParam) {
        failures.push(`${operation.operationId}: no fixture for path parameter ${unknownParam}`);
        continue;
      }
      const path = operation.path.replace('{id}', targetUserId);
      const body = operation.bodySchema
        ? exampleBody(document, operation.bodySchema, operation.operationId)
        : undefined;
      const call = async (token: string | null) => {
        requests += 1;
        const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        let pending = http()[method](path);
        if (token) pending = pending.set('Authorization', `Bearer ${token}`);
        return body === undefined ? pending : pending.send(body as object);
      };
      const check = (who: string, response: request.Response, expected: 'OPEN' | 'UNAUTHENTICATED' | 'FORBIDDEN') => {
        const code = response.body?.code as string | undefined;
        const where = `${operation.operationId} as ${who}: ${response.status} ${code ?? ''}`;
        if (response.status >= 500) failures.push(`${where} (server error)`);
        else if (expected === 'UNAUTHENTICATED' && !(response.status === 401 && TOKEN_CODES.includes(code ?? '')))
          failures.push(`${where} (expected 401 with a token code)`);
        else if (expected === 'FORBIDDEN' && !(response.status === 403 && code === 'AUTH.ROLE_FORBIDDEN'))
          failures.push(`${where} (expected 403 AUTH.ROLE_FORBIDDEN)`);
        else if (expected === 'OPEN' && (TOKEN_CODES.includes(code ?? '') || code === 'AUTH.ROLE_FORBIDDEN'))
          failures.push(`${where} (refused an allowed caller)`);
      };

      const guarded = route.isPublic ? 'OPEN' : 'UNAUTHENTICATED';
      check('no token', await call(null), guarded);
      check('an expired token', await call(expired), guarded);
      check('a token signed with another key', await call(forged), guarded);
      for (const role of ROLES) {
        const allowed = route.isPublic || !route.roles || route.roles.includes(role);
        check(role, await call(accounts.get(role)!.token), allowed ? 'OPEN' : 'FORBIDDEN');
      }
    }
    console.log(
      `gateway access: ${operations.length} operations × (${ROLES.length} roles + 3 token cases) = ${requests} requests`,
    );
    expect(failures).toEqual([]);
  });

  it('shows each account only its own details at /api/me, whatever its role', async () => {
    for (const role of ROLES) {
      const { id, token } = accounts.get(role)!;
      const me = await http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toMatchObject({ id, role });
      expect(me.body).not.toHaveProperty('passwordHash');
    }
  });

  it('lets no one but an admin read or change the users, and the target user stays unchanged', async () => {
    const before = await http()
      .get('/api/admin/users')
      .set('Authorization', `Bearer ${accounts.get('ADMIN')!.token}`)
      .expect(200);
    const target = (before.body as { id: string; role: Role }[]).find((user) => user.id === targetUserId);
    for (const role of ROLES.filter((r) => r !== 'ADMIN')) {
      const token = accounts.get(role)!.token;
      await http()
        .patch(`/api/admin/users/${targetUserId}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ role: 'ADMIN' })
        .expect(403);
    }
    const after = await http()
      .get('/api/admin/users')
      .set('Authorization', `Bearer ${accounts.get('ADMIN')!.token}`)
      .expect(200);
    expect((after.body as { id: string }[]).find((user) => user.id === targetUserId)).toEqual(target);
  });
});
