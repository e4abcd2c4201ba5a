import { createTestKeyPair, mintToken, testPrincipals } from '@stapsteen/testing';
import { SignJWT } from 'jose';
import { AuthenticationError, TokenVerifier } from './token-verifier';

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

  it('asks to sign in when there is no token', async () => {
    expect((await rejection(undefined)).code).toBe('AUTH.TOKEN_MISSING');
  });

  it('refuses an expired token as expired', async () => {
    const token = await mintToken(keys.privateKeyPem, testPrincipals.admin, { expiresInSeconds: -120 });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('refuses a token signed with another key', async () => {
    const token = await mintToken(createTestKeyPair().privateKeyPem, testPrincipals.admin);
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token for another audience or from another issuer', async () => {
    expect(
      (await rejection(await mintToken(keys.privateKeyPem, testPrincipals.admin, { audience: 'other' }))).code,
    ).toBe('AUTH.TOKEN_INVALID');
    expect(
      (await rejection(await mintToken(keys.privateKeyPem, testPrincipals.admin, { issuer: 'someone' }))).code,
    ).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const claims = {
      ...testPrincipals.admin,
      iss: 'stapsteen-gateway',
      aud: 'stapsteen',
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    expect((await rejection(`${encode({ alg: 'none' })}.${encode(claims)}.`)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token signed with HS256 using the public key as the secret', async () => {
    const token = await new SignJWT({ ...testPrincipals.admin })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('stapsteen-gateway')
      .setAudience('stapsteen')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(keys.publicKeyPem));
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a role it does not know', async () => {
    const token = await mintToken(keys.privateKeyPem, { ...testPrincipals.admin, role: 'SUPERUSER' });
    expect((await rejection(token)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a regional manager without a region', async () => {
    const token = await mintToken(keys.privateKeyPem, { ...testPrincipals.managerKempen, regionId: null });
    expect((await rejection(token)).message).toMatch(/without a region/);
  });

  it('refuses an organiser without an organisation', async () => {
    const token = await mintToken(keys.privateKeyPem, { ...testPrincipals.organiserNeteland, orgIds: [] });
    expect((await rejection(token)).message).toMatch(/without an organisation/);
  });
});
