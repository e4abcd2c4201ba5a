import { Controller, Get, INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Test } from '@nestjs/testing';
import { createTestKeyPair, mintToken, testPrincipals } from '@stapsteen/testing';
import request from 'supertest';
import { ACCESS_TOKEN_COOKIE, AccessTokenGuard, AuthModule, CurrentPrincipal, Public, Roles } from './auth.nest';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

@Controller()
class ProbeController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Public()
  @Get('open')
  open() {
    return { ok: true };
  }

  @Roles('ADMIN', 'REGIONAL_MANAGER')
  @Get('oversight')
  oversight() {
    return { ok: true };
  }
}

class ProbeConsumer {
  handle() {}
}

describe('the access-token guard', () => {
  const keys = createTestKeyPair();
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ publicKeyPem: keys.publicKeyPem, issuer: 'stapsteen-gateway', audience: 'stapsteen' }),
      ],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('refuses a request without a token with a stable code', async () => {
    const response = await request(app.getHttpServer()).get('/me').expect(401);
    expect(response.body).toEqual({ code: 'AUTH.TOKEN_MISSING', detail: expect.any(String) });
  });

  it('gives the handler the principal of a valid bearer token', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.coachNeteland);
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.body).toEqual({
      userId: 'coach-neteland',
      role: 'COACH',
      organisationIds: ['org-neteland'],
      regionId: 'region-kempen',
    });
  });

  it('reads the bearer scheme regardless of its case', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.coachNeteland);
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `bearer ${token}`).expect(200);
    expect(response.body.userId).toBe('coach-neteland');
  });

  it('accepts the web app’s token from its cookie', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.managerKempen);
    const response = await request(app.getHttpServer())
      .get('/me')
      .set('Cookie', `theme=dark; ${ACCESS_TOKEN_COOKIE}=${token}`)
      .expect(200);
    expect(response.body.role).toBe('REGIONAL_MANAGER');
  });

  it('answers a mangled cookie with 401, not a server error', async () => {
    const response = await request(app.getHttpServer())
      .get('/me')
      .set('Cookie', `${ACCESS_TOKEN_COOKIE}=%E0%A4%A`)
      .expect(401);
    expect(response.body.code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses an expired token as expired', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { expiresInSeconds: -120 });
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(response.body.code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('refuses a forged token as invalid', async () => {
    const token = await mintToken(keys.publicKeyPem, testPrincipals.admin, { alg: 'HS256' });
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(response.body.code).toBe('AUTH.TOKEN_INVALID');
  });

  it('lets anyone reach a public route', async () => {
    const response = await request(app.getHttpServer()).get('/open').expect(200);
    expect(response.body).toEqual({ ok: true });
  });

  it('lets a role the route allows through', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.managerGent);
    await request(app.getHttpServer()).get('/oversight').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses a role the route does not allow', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.organiserNeteland);
    const response = await request(app.getHttpServer())
      .get('/oversight')
      .set('Authorization', `Bearer ${token}`)
      .expect(403);
    expect(response.body).toEqual({ code: 'AUTH.ROLE_FORBIDDEN', detail: expect.any(String) });
  });

  it('lets a Kafka message through without a token', async () => {
    const guard = new AccessTokenGuard(app.get(TokenVerifier), new Reflector());
    const kafkaContext = new ExecutionContextHost([{ value: {} }, {}], ProbeConsumer, ProbeConsumer.prototype.handle);
    kafkaContext.setType('rpc');
    await expect(guard.canActivate(kafkaContext)).resolves.toBe(true);
  });
});
