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

export interface TestClaims {
  sub: string;
  role: 'ORGANISER' | 'COACH' | 'REGIONAL_MANAGER' | 'ADMIN' | string;
  orgIds?: string[];
  regionId?: string | null;
  [claim: string]: unknown;
}

/** Mints any token a test needs, including expired or wrongly addressed ones. */
export async function mintToken(
  privateKeyPem: string,
  claims: TestClaims,
  options: { expiresInSeconds?: number; issuer?: string; audience?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ orgIds: [], regionId: null, ...claims })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(options.issuer ?? 'stapsteen-gateway')
    .setAudience(options.audience ?? 'stapsteen')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 900))
    .sign(await importPKCS8(privateKeyPem, 'EdDSA'));
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
