/**
 * The fuzz suite's own local stack (Kafka and FerretDB on PostgreSQL), on the STACK_* ports when
 * the run gives them, else on ports free now, in a data folder of its own; and the schemathesis
 * virtualenv that scripts/python-tools.sh installs from PyPI.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

// The stack script is CommonJS without types; only these functions are used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stack = require('../../../deploy/local-stack/stack.cjs') as {
  up(options: { profile: string }): Promise<{ kafkaBrokers: string; mongoUri: string }>;
  down(options: { profile: string }): Promise<void>;
};

export const ROOT = path.join(__dirname, '..', '..', '..');

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) {
    server.close();
    await once(server, 'close');
  }
  return free;
}

/** Four free ports in a row (Kafka, its controller, FerretDB, PostgreSQL), chosen now. */
async function freePortRow(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all([0, 1, 2, 3].map((offset) => portIsFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no four free ports in a row');
}

export interface FuzzStack {
  kafkaBrokers: string;
  mongoUri: string;
  down(): Promise<void>;
}

/** Starts the stack and sets KAFKA_BROKERS and MONGODB_URI, which startTestService reads. */
export async function startFuzzStack(): Promise<FuzzStack> {
  const given = Number(process.env.STACK_KAFKA_PORT ?? '');
  const base = Number.isInteger(given) && given > 0 ? given : await freePortRow();
  process.env.STACK_KAFKA_PORT = String(base);
  process.env.STACK_KAFKA_CONTROLLER_PORT ??= String(base + 1);
  process.env.STACK_MONGO_PORT ??= String(base + 2);
  process.env.STACK_POSTGRES_PORT ??= String(base + 3);
  const parent = process.env.STACK_DATA_DIR ?? path.join(ROOT, '.data', 'faults');
  process.env.STACK_DATA_DIR = path.join(parent, `fuzz-${randomUUID().slice(0, 8)}`);
  delete process.env.KAFKA_BROKERS;
  delete process.env.MONGODB_URI;
  const { kafkaBrokers, mongoUri } = await stack.up({ profile: 'test' });
  process.env.KAFKA_BROKERS = kafkaBrokers;
  process.env.MONGODB_URI = mongoUri;
  return { kafkaBrokers, mongoUri, down: () => stack.down({ profile: 'test' }) };
}

/** The bin folder of the virtualenv with schemathesis (installed from PyPI on first use). */
export async function pythonTools(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [path.join(ROOT, 'scripts', 'python-tools.sh')], {
    cwd: ROOT,
    timeout: 300_000,
  });
  return stdout.trim().split('\n').pop()!;
}
