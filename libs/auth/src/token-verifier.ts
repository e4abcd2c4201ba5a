import { KeyLike, errors, importSPKI, jwtVerify } from 'jose';
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

const CLOCK_TOLERANCE_SECONDS = 30;
const ID = /^[A-Za-z0-9._:@-]{1,100}$/;

/**
 * Verifies the gateway's EdDSA-signed access tokens. Only EdDSA is accepted, so a token signed
 * with `alg: none` or with HS256 using the public key as a secret is refused outright.
 */
export class TokenVerifier {
  private key: Promise<KeyLike> | undefined;

  constructor(private readonly config: AuthConfig) {}

  async verify(token: string | undefined): Promise<Principal> {
    if (!token)
      throw new AuthenticationError('AUTH.TOKEN_MISSING', 'Sign in first: this request carries no access token.');
    let claims: Record<string, unknown>;
    try {
      const result = await jwtVerify(token, await this.publicKey(), {
        algorithms: ['EdDSA'],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      claims = result.payload as Record<string, unknown>;
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new AuthenticationError('AUTH.TOKEN_EXPIRED', 'The access token has expired; sign in again.');
      }
      throw new AuthenticationError('AUTH.TOKEN_INVALID', 'The access token is not valid.');
    }
    return toPrincipal(claims);
  }

  private publicKey(): Promise<KeyLike> {
    this.key ??= importSPKI(this.config.publicKeyPem, 'EdDSA');
    return this.key;
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
  if ((role === 'ORGANISER' || role === 'COACH') && orgIds.length === 0) throw invalid('staff without an organisation');
  return {
    userId: sub,
    role: role as Role,
    organisationIds: orgIds as string[],
    regionId: (regionId as string | undefined) ?? null,
  };
}

/** Reads the verifier's settings from the environment, naming the variable when one is wrong. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const pem = env.AUTH_JWT_PUBLIC_KEY?.replace(/\\n/g, '\n');
  if (!pem || !pem.includes('BEGIN PUBLIC KEY')) {
    throw new Error('AUTH_JWT_PUBLIC_KEY must hold the PEM of the gateway’s Ed25519 public key');
  }
  return {
    publicKeyPem: pem,
    issuer: env.AUTH_JWT_ISSUER ?? 'stapsteen-gateway',
    audience: env.AUTH_JWT_AUDIENCE ?? 'stapsteen',
  };
}
