import { SignJWT, importPKCS8 } from 'jose';
import { generateKeyPairSync } from 'node:crypto';

export interface TestKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** A fresh Ed25519 pair, as the gateway would hold; the services get the public half. */
export function createTestKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * The claims the gateway puts in an access token. `role` is any string and every other claim is
 * optional, so tests can mint the malformed tokens a verifier must refuse.
 */
export interface TestClaims {
  sub?: string;
  role: 'ORGANISER' | 'COACH' | 'REGIONAL_MANAGER' | 'ADMIN' | (string & {});
  orgIds?: string[];
  regionId?: string | null;
  [claim: string]: unknown;
}

export interface MintOptions {
  /** Negative: expired that long ago; null: no `exp` claim at all. Default 900 (15 minutes). */
  expiresInSeconds?: number | null;
  issuer?: string;
  audience?: string;
  /**
   * 'EdDSA' (the default) signs with the Ed25519 private key. 'none' mints an unsigned token.
   * 'HS256' uses the first argument as an HMAC secret: pass the *public* key PEM to mint the
   * classic key-confusion forgery.
   */
  alg?: 'EdDSA' | 'none' | 'HS256';
}

/** Mints any token a test needs, including expired, unsigned or wrongly addressed ones. */
export async function mintToken(keyPem: string, claims: TestClaims, options: MintOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const alg = options.alg ?? 'EdDSA';
  const payload = {
    orgIds: [],
    regionId: null,
    ...claims,
    iss: options.issuer ?? 'stapsteen-gateway',
    aud: options.audience ?? 'stapsteen',
    iat: now,
    ...(options.expiresInSeconds === null ? {} : { exp: now + (options.expiresInSeconds ?? 900) }),
  };
  if (alg === 'none') {
    // By hand rather than jose's UnsecuredJWT, so the token is byte for byte what a forger would send.
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
  }
  const jwt = new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' });
  if (alg === 'HS256') return jwt.sign(new TextEncoder().encode(keyPem));
  return jwt.sign(await importPKCS8(keyPem, 'EdDSA'));
}

/** One person per role and scope, across two organisations of one region and a second region. */
export const testPrincipals = {
  organiserNeteland: {
    sub: 'organiser-neteland',
    role: 'ORGANISER',
    orgIds: ['org-neteland'],
    regionId: 'region-kempen',
  },
  organiserHerentals: {
    sub: 'organiser-herentals',
    role: 'ORGANISER',
    orgIds: ['org-herentals'],
    regionId: 'region-kempen',
  },
  coachNeteland: { sub: 'coach-neteland', role: 'COACH', orgIds: ['org-neteland'], regionId: 'region-kempen' },
  managerKempen: { sub: 'manager-kempen', role: 'REGIONAL_MANAGER', orgIds: [], regionId: 'region-kempen' },
  managerGent: { sub: 'manager-gent', role: 'REGIONAL_MANAGER', orgIds: [], regionId: 'region-gent' },
  admin: { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null },
} satisfies Record<string, TestClaims>;
