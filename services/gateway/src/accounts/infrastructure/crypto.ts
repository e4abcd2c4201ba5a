import { Algorithm, hash, verify } from '@node-rs/argon2';
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import type { AccessClaims, PasswordHasher, TokenSigner } from '../application/ports';

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export class Argon2Hasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}

export interface SignerSettings {
  privateKeyPem: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Signs the EdDSA access tokens that libs/auth's TokenVerifier accepts. */
export class JoseTokenSigner implements TokenSigner {
  private readonly key: ReturnType<typeof createPrivateKey>;

  constructor(private readonly settings: SignerSettings) {
    this.key = createPrivateKey({ key: settings.privateKeyPem, format: 'pem' });
    if (this.key.asymmetricKeyType !== 'ed25519')
      throw new Error('AUTH_JWT_PRIVATE_KEY must be an Ed25519 private key');
  }

  async sign(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    const token = await new SignJWT({ role: claims.role, orgIds: claims.orgIds, regionId: claims.regionId })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.ttlSeconds}s`)
      .sign(this.key);
    return { token, expiresIn: this.settings.ttlSeconds };
  }
}
