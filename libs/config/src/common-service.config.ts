import { Transform } from 'class-transformer';
import { IsIP, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const HOST_PORT_LIST = /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/;

/** The variables every Stapsteen service reads; a service extends this with its own. */
export class CommonServiceConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** 0 lets the operating system choose, which tests use. */
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  /**
   * The address the HTTP server listens on. Only the gateway is meant to be reached from outside,
   * so a service listens on the loopback interface unless told otherwise; a container sets
   * `0.0.0.0` (the Dockerfile does), where the gateway reaches the service over the container
   * network. An IP address only: a host name, or a shell's own HOST holding the machine's name,
   * stops the service at boot instead of opening it on an interface nobody chose.
   */
  @IsIP(undefined, { message: 'must be an IP address to listen on, such as 127.0.0.1 or 0.0.0.0' })
  HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'must be a mongodb:// or mongodb+srv:// connection string' })
  MONGODB_URI!: string;

  @IsString()
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

  @Matches(HOST_PORT_LIST, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  @IsOptional()
  @IsString()
  KAFKA_CLIENT_ID?: string;

  @IsString()
  @IsNotEmpty({ message: 'must hold the PEM of the gateway public key (Ed25519)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n') : value))
  AUTH_JWT_PUBLIC_KEY!: string;

  @IsString()
  AUTH_JWT_ISSUER: string = 'stapsteen-gateway';

  @IsString()
  AUTH_JWT_AUDIENCE: string = 'stapsteen';

  /**
   * How often the outbox relay sweeps its collections for events a crashed process left behind.
   * Writes name their document, so normal publishing does not wait for this.
   */
  @IsInt()
  @Min(50)
  @Max(600_000)
  OUTBOX_POLL_MS: number = 30_000;

  /**
   * A consumed event whose handling fails in a way that may pass (database down, a conflict) is
   * tried this many times in all, waiting CONSUMER_RETRY_BASE_MS, then twice as long each time up
   * to CONSUMER_RETRY_MAX_MS; after that it goes to the dead-letter topic and the partition moves on.
   */
  @IsInt()
  @Min(1)
  @Max(100)
  CONSUMER_RETRY_ATTEMPTS: number = 8;

  @IsInt()
  @Min(1)
  @Max(60_000)
  CONSUMER_RETRY_BASE_MS: number = 200;

  @IsInt()
  @Min(1)
  @Max(300_000)
  CONSUMER_RETRY_MAX_MS: number = 10_000;

  /**
   * `off` stops claiming aggregate versions before writes (ADR 18). Only for measuring what a
   * claim costs and for showing that the replica tests need them: with `off`, two instances of a
   * service on FerretDB can break an invariant.
   */
  @IsIn(['on', 'off'])
  VERSION_CLAIMS: 'on' | 'off' = 'on';
}
