import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestKeyPair, mintToken, testPrincipals } from '@stapsteen/testing';
import request from 'supertest';
import { ACCESS_TOKEN_COOKIE, AuthModule, CurrentPrincipal, Public, Roles } from './auth.nest';
import type { Principal } from './principal';

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

  @Roles('ADMIN')
  @Get('admin-only')
  adminOnly() {
    return { ok: true };
  }
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
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(() => app.close());

  it('refuses a request without a token with a stable code', async () => {
    const response = await request(app.getHttpServer()).get('/me').expect(401);
    expect(response.body).toMatchObject({ code: 'AUTH.TOKEN_MISSING' });
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

  it('accepts the web app’s token from its cookie', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.managerKempen);
    const response = await request(app.getHttpServer())
      .get('/me')
      .set('Cookie', `${ACCESS_TOKEN_COOKIE}=${token}`)
      .expect(200);
    expect(response.body.role).toBe('REGIONAL_MANAGER');
  });

  it('lets anyone reach a public route', async () => {
    await request(app.getHttpServer()).get('/open').expect(200);
  });

  it('refuses a role the route does not allow', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.organiserNeteland);
    const response = await request(app.getHttpServer())
      .get('/admin-only')
      .set('Authorization', `Bearer ${token}`)
      .expect(403);
    expect(response.body).toMatchObject({ code: 'AUTH.ROLE_FORBIDDEN' });
  });
});
