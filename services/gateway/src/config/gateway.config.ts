import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsIP,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { resolve } from 'node:path';

const pem = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n') : value);
const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** 0 picks a free port (tests). */
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  /**
   * The address the gateway listens on: every IPv4 interface, since it is the one part meant to be
   * reached from outside (the services behind it listen on 127.0.0.1 unless configured otherwise).
   */
  @IsIP(undefined, { message: 'must be an IP address to listen on, such as 0.0.0.0 or 127.0.0.1' })
  HOST: string = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Accounts and sessions live in the gateway's own database. */
  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'must be a mongodb:// or mongodb+srv:// connection string' })
  MONGODB_URI!: string;

  @Matches(/^[A-Za-z0-9_-]{1,48}$/, { message: 'must be a database name of letters, digits, - or _' })
  MONGODB_DB!: string;

  /**
   * How long a database call waits for a server it can reach before giving up (the driver's
   * serverSelectionTimeoutMS). When the database is down, a request answers
   * 503 SERVICE.DATABASE_UNAVAILABLE with Retry-After after this long instead of hanging (twice
   * this for a request that reads twice, still within the 2 s promised); a healthy database never
   * waits for it.
   */
  @IsInt()
  @Min(100)
  @Max(60_000)
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: number = 500;

  @IsUrl(URL_OPTIONS)
  FLOW_THROUGH_URL!: string;

  @IsUrl(URL_OPTIONS)
  HOURS_URL!: string;

  @IsUrl(URL_OPTIONS)
  COACHING_URL!: string;

  /** Signs the access tokens every service verifies (Ed25519 PEM). */
  @IsString()
  @IsNotEmpty({ message: 'must hold the PEM of the Ed25519 private key that signs access tokens' })
  @Transform(pem)
  AUTH_JWT_PRIVATE_KEY!: string;

  @IsString()
  @IsNotEmpty({ message: 'must hold the PEM of the matching Ed25519 public key' })
  @Transform(pem)
  AUTH_JWT_PUBLIC_KEY!: string;

  @IsString()
  AUTH_JWT_ISSUER: string = 'stapsteen-gateway';

  @IsString()
  AUTH_JWT_AUDIENCE: string = 'stapsteen';

  /**
   * Lifetime of an access token in seconds (15 minutes). Tests set a few seconds to make the web
   * app refresh while it works.
   */
  @IsInt()
  @Min(1)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  /** How long a web session lasts without signing in again, in seconds (12 hours). */
  @IsInt()
  @Min(300)
  @Max(30 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS: number = 12 * 3600;

  /**
   * For how many seconds after a rotation the refresh token just rotated away still answers the
   * same new token (ADR 19): calls that raced the rotation (several tabs, or requests already under
   * way) keep the session. Presenting it later, or after a further rotation, still ends the session
   * as reused. 0 turns the grace off.
   */
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_GRACE_SECONDS: number = 20;

  /**
   * Which proxies in front of the gateway may tell the client's address in X-Forwarded-For (the
   * per-IP sign-in throttle counts that address). Empty: none, so a client cannot pick its own
   * address. Otherwise Express's `trust proxy`: a hop count (`1`), `loopback`, or addresses/subnets
   * separated by commas (`10.0.0.0/8,fd00::/8`).
   */
  @IsOptional()
  @Matches(/^(|\d{1,2}|loopback|linklocal|uniquelocal|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$/, {
    message: 'must be empty, a hop count, loopback/linklocal/uniquelocal, or comma-separated addresses',
  })
  GATEWAY_TRUST_PROXY: string = '';

  /** How long an invitation link (a new user sets their first password) stays valid, in hours (72). */
  @IsInt()
  @Min(1)
  @Max(30 * 24)
  PASSWORD_INVITATION_TTL_HOURS: number = 72;

  /** How long a password reset link stays valid, in minutes (60). */
  @IsInt()
  @Min(5)
  @Max(7 * 24 * 60)
  PASSWORD_RESET_TTL_MINUTES: number = 60;

  /** How often expired sessions and old sign-in counters are deleted, in ms (hourly; 0 never). */
  @IsInt()
  @Min(0)
  GATEWAY_PURGE_MS: number = 3600_000;

  /** The built web app (index.html and assets); without index.html, `/` shows the status page. */
  @IsString()
  WEB_DIST_DIR: string = resolve(process.cwd(), 'dist/web');

  /** Creates this ADMIN at start when the gateway has no users at all (first run only). */
  @IsOptional()
  @IsEmail()
  GATEWAY_BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  GATEWAY_BOOTSTRAP_ADMIN_PASSWORD?: string;
}
