import { TestClaims, createTestKeyPair, mintToken, testPrincipals } from '@stapsteen/testing';
import { generateKeyPairSync } from 'node:crypto';
import { AuthenticationError, TokenVerifier, authConfigFromEnv } from './token-verifier';

const keys = createTestKeyPair();
const verifier = new TokenVerifier({
  publicKeyPem: keys.publicKeyPem,
  issuer: 'stapsteen-gateway',
  audience: 'stapsteen',
});

async function rejection(token: string | undefined): Promise<AuthenticationError> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof AuthenticationError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('TokenVerifier', () => {
  it('turns a valid token into the principal with its organisations and region', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.organiserNeteland);
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'organiser-neteland',
      role: 'ORGANISER',
      organisationIds: ['org-neteland'],
      regionId: 'region-kempen',
    });
  });

  it('accepts a regional manager who works for no organisation', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.managerKempen);
    await expect(verifier.verify(token)).resolves.toMatchObject({
      role: 'REGIONAL_MANAGER',
      regionId: 'region-kempen',
    });
  });

  it('accepts an administrator without organisations or region', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin);
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'admin',
      role: 'ADMIN',
      organisationIds: [],
      regionId: null,
    });
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { expiresInSeconds: -2 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'ADMIN' });
  });

  it('refuses a token that expired ten seconds ago', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { expiresInSeconds: -10 });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('asks to sign in when there is no token', async () => {
    expect((await rejection(undefined)).code).toBe('AUTH.TOKEN_MISSING');
  });

  it('asks to sign in when the token is empty', async () => {
    expect((await rejection('')).code).toBe('AUTH.TOKEN_MISSING');
  });

  it('refuses an expired token as expired', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { expiresInSeconds: -120 });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('refuses an expired token from another key as invalid, not as expired', async () => {
    const token = await mintToken(createTestKeyPair().privateKeyPem, testPrincipals.admin, { expiresInSeconds: -120 });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token that never expires', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { expiresInSeconds: null });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token signed with another key', async () => {
    const token = await mintToken(createTestKeyPair().privateKeyPem, testPrincipals.admin);
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await mintToken(keys.privateKeyPem, testPrincipals.organiserNeteland)).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...testPrincipals.admin,
        iss: 'stapsteen-gateway',
        aud: 'stapsteen',
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');
    expect((await rejection(`${header}.${forged}.${signature}`)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token for another audience', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { audience: 'other' });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token from another issuer', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { issuer: 'someone' });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { alg: 'none' });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token signed with HS256 using the public key as the secret', async () => {
    const token = await mintToken(keys.publicKeyPem, testPrincipals.admin, { alg: 'HS256' });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses something that is not a JWT at all', async () => {
    expect((await rejection('not-a-token')).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a role it does not know', async () => {
    const token = await mintToken(keys.privateKeyPem, { ...testPrincipals.admin, role: 'SUPERUSER' });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a regional manager without a region', async () => {
    const token = await mintToken(keys.privateKeyPem, { ...testPrincipals.managerKempen, regionId: null });
    const error = await rejection(token);
    expect([error.code, error.message]).toEqual(['AUTH.TOKEN_INVALID', expect.stringMatching(/without a region/)]);
  });

  it('refuses an organiser without an organisation', async () => {
    const token = await mintToken(keys.privateKeyPem, { ...testPrincipals.organiserNeteland, orgIds: [] });
    const error = await rejection(token);
    expect([error.code, error.message]).toEqual([
      'AUTH.TOKEN_INVALID',
      expect.stringMatching(/without an organisation/),
    ]);
  });

  it('refuses a token without a user', async () => {
    const { sub: _sub, ...withoutUser } = testPrincipals.admin;
    const token = await mintToken(keys.privateKeyPem, withoutUser);
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses organisations that are not a list of identifiers', async () => {
    const token = await mintToken(keys.privateKeyPem, {
      ...testPrincipals.coachNeteland,
      orgIds: 'org-neteland',
    } as unknown as TestClaims);
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a region that is not an identifier', async () => {
    const token = await mintToken(keys.privateKeyPem, {
      ...testPrincipals.managerKempen,
      regionId: { $ne: null },
    } as unknown as TestClaims);
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses to start with a key that is not an Ed25519 public key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => new TokenVerifier({ publicKeyPem: rsa.toString(), issuer: 'i', audience: 'a' })).toThrow(
      /AUTH_JWT_PUBLIC_KEY/,
    );
  });
});

describe('authConfigFromEnv', () => {
  const oneLine = keys.publicKeyPem.trim().replace(/\n/g, '\\n');

  it('reads a PEM written on one line with literal \\n sequences', () => {
    expect(authConfigFromEnv({ AUTH_JWT_PUBLIC_KEY: oneLine }).publicKeyPem).toBe(keys.publicKeyPem);
  });

  it('defaults the issuer and audience to the gateway’s', () => {
    const config = authConfigFromEnv({ AUTH_JWT_PUBLIC_KEY: keys.publicKeyPem });
    expect([config.issuer, config.audience]).toEqual(['stapsteen-gateway', 'stapsteen']);
  });

  it('takes the issuer and audience from the environment when set', () => {
    const config = authConfigFromEnv({
      AUTH_JWT_PUBLIC_KEY: keys.publicKeyPem,
      AUTH_JWT_ISSUER: 'gateway-test',
      AUTH_JWT_AUDIENCE: 'stapsteen-test',
    });
    expect([config.issuer, config.audience]).toEqual(['gateway-test', 'stapsteen-test']);
  });

  it('names the variable when the key is missing', () => {
    expect(() => authConfigFromEnv({})).toThrow(/AUTH_JWT_PUBLIC_KEY/);
  });

  it('names the variable when the key is not a key', () => {
    expect(() =>
      authConfigFromEnv({ AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----' }),
    ).toThrow(/AUTH_JWT_PUBLIC_KEY/);
  });

  it('refuses the private key, which no service should hold', () => {
    expect(() => authConfigFromEnv({ AUTH_JWT_PUBLIC_KEY: keys.privateKeyPem })).toThrow(/AUTH_JWT_PUBLIC_KEY/);
  });
});
