import { KeyObject, createPublicKey } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { Principal, ROLES, Role } from './principal';

export type AuthenticationErrorCode = 'AUTH.TOKEN_MISSING' | 'AUTH.TOKEN_INVALID' | 'AUTH.TOKEN_EXPIRED';

export class AuthenticationError extends Error {
  constructor(
    readonly code: AuthenticationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface AuthConfig {
  publicKeyPem: string;
  issuer: string;
  audience: string;
}

// The gateway and the services read synchronised clocks (NTP), so a few seconds cover their skew;
// a wider window would let a token outlive the sign-out or role change that replaced it.
const CLOCK_TOLERANCE_SECONDS = 5;
const ID = /^[A-Za-z0-9._:@-]{1,100}$/;

/**
 * Parses the gateway's public key. Only an SPKI public Ed25519 key is accepted: a private key in a
 * service's configuration means the signing key has leaked, and any other key type would make
 * every token fail later as a confusing 401 instead of failing here at boot.
 */
function ed25519PublicKey(pem: string): KeyObject {
  if (!/-----BEGIN PUBLIC KEY-----/.test(pem)) throw new Error('expected a PEM "BEGIN PUBLIC KEY" block');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('the PEM does not hold a readable public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
  }
  return key;
}

/**
 * Verifies the gateway's EdDSA-signed access tokens. Only EdDSA is accepted, so a token signed
 * with `alg: none` or with HS256 using the public key as a secret is refused outright.
 */
export class TokenVerifier {
  private readonly key: KeyObject;

  constructor(private readonly config: AuthConfig) {
    // A node:crypto KeyObject rather than a jose key type, so this compiles against jose 5 and 6.
    // Parsed here so a wrong key stops the service at boot instead of refusing every request.
    try {
      this.key = ed25519PublicKey(config.publicKeyPem);
    } catch (error) {
      throw new Error(`The access-token public key (AUTH_JWT_PUBLIC_KEY) is unusable: ${(error as Error).message}`);
    }
  }

  async verify(token: string | undefined): Promise<Principal> {
    if (!token)
      throw new AuthenticationError('AUTH.TOKEN_MISSING', 'Sign in first: this request carries no access token.');
    let claims: Record<string, unknown>;
    try {
      const result = await jwtVerify(token, this.key, {
        algorithms: ['EdDSA'],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      claims = result.payload as Record<string, unknown>;
    } catch (error) {
      // jose checks the signature before the claims, so "expired" is only said of a genuine token.
      if (error instanceof errors.JWTExpired) {
        throw new AuthenticationError('AUTH.TOKEN_EXPIRED', 'The access token has expired; sign in again.');
      }
      throw new AuthenticationError('AUTH.TOKEN_INVALID', 'The access token is not valid.');
    }
    return toPrincipal(claims);
  }
}

function toPrincipal(claims: Record<string, unknown>): Principal {
  const invalid = (why: string) =>
    new AuthenticationError('AUTH.TOKEN_INVALID', `The access token is not valid: ${why}.`);
  const { sub, role, orgIds, regionId } = claims;
  if (typeof sub !== 'string' || !ID.test(sub)) throw invalid('no user');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw invalid('unknown role');
  if (!Array.isArray(orgIds) || !orgIds.every((id) => typeof id === 'string' && ID.test(id)))
    throw invalid('bad organisations');
  if (regionId !== null && regionId !== undefined && (typeof regionId !== 'string' || !ID.test(regionId))) {
    throw invalid('bad region');
  }
  if (role === 'REGIONAL_MANAGER' && !regionId) throw invalid('a regional manager without a region');
  // Staff without an organisation would get an empty scope; that is a gateway bug worth surfacing.
  if ((role === 'ORGANISER' || role === 'COACH') && orgIds.length === 0) throw invalid('staff without an organisation');
  return {
    userId: sub,
    role: role as Role,
    organisationIds: [...(orgIds as string[])],
    regionId: (regionId as string | undefined) ?? null,
  };
}

/** Reads the verifier's settings from the environment, naming the variable when one is wrong. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  // Env files and cluster secrets often carry a PEM on one line with literal "\n" sequences.
  const pem = env.AUTH_JWT_PUBLIC_KEY?.replace(/\\n/g, '\n').trim();
  if (!pem) throw new Error('AUTH_JWT_PUBLIC_KEY is not set: it must hold the PEM of the gateway’s Ed25519 public key');
  try {
    ed25519PublicKey(pem);
  } catch (error) {
    throw new Error(`AUTH_JWT_PUBLIC_KEY is not the PEM of an Ed25519 public key: ${(error as Error).message}`);
  }
  return {
    publicKeyPem: `${pem}\n`,
    // An empty variable counts as unset, as deployment templates tend to render missing values.
    issuer: env.AUTH_JWT_ISSUER || 'stapsteen-gateway',
    audience: env.AUTH_JWT_AUDIENCE || 'stapsteen',
  };
}
