import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const pem = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n') : value);
const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Accounts and sessions live in the gateway's own database. */
  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'must be a mongodb:// or mongodb+srv:// connection string' })
  MONGODB_URI!: string;

  @Matches(/^[A-Za-z0-9_-]{1,48}$/, { message: 'must be a database name of letters, digits, - or _' })
  MONGODB_DB!: string;

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
}
