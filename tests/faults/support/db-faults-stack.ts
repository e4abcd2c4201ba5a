/**
 * Helpers of the database and service outage suites (db-faults): a local stack of the suite's own,
 * the database alone stopped and started again, and services as real processes that can be
 * killed and restarted on the same database and consumer group.
 */
import { callJson, freePort, launchService } from '@stapsteen/testing';
import { serviceMain } from '../../support/service-main-args';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

// The stack script is CommonJS without types; only these functions are used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stack = require('../../../deploy/local-stack/stack.cjs') as {
  up(options: { profile: string }): Promise<{ kafkaBrokers: string; mongoUri: string }>;
  down(options: { profile: string }): Promise<void>;
  stopDatabase(options: { profile: string; part: DatabasePart; signal?: NodeJS.Signals }): Promise<void>;
  startDatabase(options: { profile: string }): Promise<void>;
};

export type DatabasePart = 'ferretdb' | 'postgresql' | 'both';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Two free ports next to each other, for Kafka's listener and its controller. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (port >= 65535) continue;
    const next = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      next.once('error', () => resolve(false));
      next.listen(port + 1, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      next.close();
      await once(next, 'close');
      return port;
    }
  }
  throw new Error('no two free ports side by side');
}

export interface FaultStack {
  kafkaBrokers: string;
  mongoUri: string;
  /** SIGKILLs (or signals) FerretDB, its PostgreSQL or both; Kafka keeps running. */
  stopDatabase(part: DatabasePart, signal?: NodeJS.Signals): Promise<void>;
  /** Starts the database again on the same data. */
  startDatabase(): Promise<void>;
  down(): Promise<void>;
}

/**
 * Starts Kafka and FerretDB (on PostgreSQL) for one suite, on the STACK_* ports when given (the
 * controller, FerretDB and PostgreSQL next to STACK_KAFKA_PORT unless set), else on ports chosen
 * now, in a data folder of the suite's own under STACK_DATA_DIR (default .data/faults). Sets KAFKA_BROKERS and MONGODB_URI for the suite's helpers.
 */
export async function startFaultStack(suite: string): Promise<FaultStack> {
  // A suite may follow another in the same worker: start from the variables the run was given.
  const given = ((globalThis as { __dbFaultsGivenEnv?: NodeJS.ProcessEnv }).__dbFaultsGivenEnv ??= { ...process.env });
  const base = Number(given.STACK_KAFKA_PORT ?? '');
  if (Number.isInteger(base) && base > 0) {
    process.env.STACK_KAFKA_PORT = String(base);
    process.env.STACK_KAFKA_CONTROLLER_PORT = given.STACK_KAFKA_CONTROLLER_PORT ?? String(base + 1);
    process.env.STACK_MONGO_PORT = given.STACK_MONGO_PORT ?? String(base + 2);
    process.env.STACK_POSTGRES_PORT = given.STACK_POSTGRES_PORT ?? String(base + 3);
  } else {
    const kafka = await freePortPair();
    process.env.STACK_KAFKA_PORT = String(kafka);
    process.env.STACK_KAFKA_CONTROLLER_PORT = String(kafka + 1);
    process.env.STACK_MONGO_PORT = String(await freePort());
    process.env.STACK_POSTGRES_PORT = String(await freePort());
  }
  process.env.STACK_DATA_DIR = path.join(given.STACK_DATA_DIR ?? path.join(ROOT, '.data', 'faults'), suite);
  // The suites kill PostgreSQL and then check that what was stored before is intact: a stored write
  // must survive the kill, which the stack's asynchronous commits do not promise.
  process.env.STACK_POSTGRES_DURABLE_COMMITS = '1';
  const { kafkaBrokers, mongoUri } = await stack.up({ profile: 'test' });
  process.env.KAFKA_BROKERS = kafkaBrokers;
  process.env.MONGODB_URI = mongoUri;
  return {
    kafkaBrokers,
    mongoUri,
    stopDatabase: (part, signal = 'SIGKILL') => stack.stopDatabase({ profile: 'test', part, signal }),
    startDatabase: () => stack.startDatabase({ profile: 'test' }),
    down: () => stack.down({ profile: 'test' }),
  };
}

export type ServiceName = 'hours' | 'coaching' | 'flow-through';

export interface ServiceProcess {
  name: ServiceName;
  url: string;
  database: string;
  output(): string;
  running(): boolean;
  /** SIGKILL: the process dies at once, as in a crash. */
  kill(): Promise<void>;
  /** A new process on the same port, database and consumer group; resolves once it is ready. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One service in its own process, booted by the production bootstrap (tests/support/service-main.ts),
 * on the suite's stack with its own database and consumer group. Resolves once `/health/ready` answers.
 */
export async function startServiceProcess(
  name: ServiceName,
  publicKeyPem: string,
  extraEnv: Record<string, string> = {},
): Promise<ServiceProcess> {
  const unique = randomUUID().slice(0, 8);
  const database = `faults-${name}-${unique}`;
  const main = serviceMain(name, `faults-${name}-${unique}`);
  const service = await launchService({
    name,
    nodeArgs: main.nodeArgs,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      MONGODB_URI: process.env.MONGODB_URI ?? '',
      MONGODB_DB: database,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      AUTH_JWT_PUBLIC_KEY: publicKeyPem,
      OUTBOX_POLL_MS: '1000',
      ...main.env,
      ...extraEnv,
    },
    keepChars: 50_000,
  });
  return {
    name,
    url: service.url,
    database,
    output: service.output,
    running: service.running,
    kill: service.kill,
    restart: service.restart,
    stop: service.stop,
  };
}

/** A JSON request with a bearer token (the one of @stapsteen/testing, by the name the fault suites use). */
export const callApi = callJson;
