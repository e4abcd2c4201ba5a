/**
 * docker-compose.yml and the Dockerfile cannot run on our machines (no Docker engine), so this test
 * keeps them in step with the code instead: every service is built from the one Dockerfile, gets
 * every variable its configuration validates at boot, and starts only once MongoDB and Kafka are up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { variablesRead } from './service-config';

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, unknown>;
  ports?: unknown[];
  depends_on?: Record<string, { condition?: string }> | string[];
}

const root = join(__dirname, '..', '..');

// Compose resolves YAML merge keys (`<<: *service-env`); the yaml package does so only when asked.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

const COMMON_VARIABLES = [
  'NODE_ENV',
  'PORT',
  'LOG_LEVEL',
  'MONGODB_URI',
  'MONGODB_DB',
  'AUTH_JWT_PUBLIC_KEY',
  'AUTH_JWT_ISSUER',
  'AUTH_JWT_AUDIENCE',
];

/** What each service needs beyond the common variables, with the values compose must give it. */
const SERVICES: Record<string, { port: number; specific: Record<string, string | RegExp> }> = {
  gateway: {
    port: 3000,
    specific: {
      AUTH_JWT_PRIVATE_KEY: /^\$\{AUTH_JWT_PRIVATE_KEY:\?.+\}$/,
      FLOW_THROUGH_URL: 'http://flow-through:3001',
      HOURS_URL: 'http://hours:3002',
      COACHING_URL: 'http://coaching:3003',
    },
  },
  // Alone they listen on 127.0.0.1; in compose the gateway reaches them over the compose network.
  'flow-through': { port: 3001, specific: { HOST: '0.0.0.0', KAFKA_BROKERS: 'kafka:9092' } },
  hours: {
    port: 3002,
    specific: {
      HOST: '0.0.0.0',
      KAFKA_BROKERS: 'kafka:9092',
      HOURS_MONTHLY_CAP: '60',
      HOURS_YEARLY_CAP: '630',
      TIME_ZONE: 'Europe/Brussels',
    },
  },
  coaching: { port: 3003, specific: { HOST: '0.0.0.0', KAFKA_BROKERS: 'kafka:9092' } },
};

const NAMES = Object.keys(SERVICES);

/** The values every service must get, whichever it is. */
function commonValues(name: string): Record<string, string | RegExp> {
  return {
    NODE_ENV: 'production',
    PORT: String(SERVICES[name].port),
    LOG_LEVEL: 'info',
    MONGODB_URI: 'mongodb://mongodb:27017/',
    MONGODB_DB: `stapsteen-${name}`,
    // `:?` makes compose refuse to start when the key is not exported, instead of passing "".
    AUTH_JWT_PUBLIC_KEY: /^\$\{AUTH_JWT_PUBLIC_KEY:\?.+\}$/,
    AUTH_JWT_ISSUER: 'stapsteen-gateway',
    AUTH_JWT_AUDIENCE: 'stapsteen',
  };
}

/** Environment values as the container sees them (compose turns numbers into strings). */
function environmentOf(name: string): Record<string, string> {
  const environment = compose.services[name]?.environment ?? {};
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
}

/**
 * The variables the service's configuration class refuses to boot without. The service owns that
 * list in src/config/required-env.json (a JSON array of names); until it exists, the agreed list.
 */
function requiredVariables(name: string): string[] {
  const file = join(root, 'services', name, 'src', 'config', 'required-env.json');
  if (!existsSync(file)) return [...COMMON_VARIABLES, ...Object.keys(SERVICES[name].specific)];
  const list: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string' && v.length > 0)) {
    throw new Error(`${file} must hold a non-empty JSON array of variable names`);
  }
  return list;
}

/** Dockerfile instructions (continuation lines joined), grouped by build stage. */
function dockerfileStages(): { keyword: string; args: string }[][] {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\r?\n/g, ' ');
  const stages: { keyword: string; args: string }[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const instruction = { keyword: match[1].toUpperCase(), args: match[2].trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

describe('docker-compose.yml', () => {
  it.each(NAMES)('builds %s from the one Dockerfile with its own name as the SERVICE argument', (name) => {
    expect(compose.services[name]?.build).toEqual({ context: '.', args: { SERVICE: name } });
  });

  it.each(NAMES)('gives %s the variables every service shares, pointed at the compose network', (name) => {
    expect(environmentOf(name)).toMatchObject(matching(commonValues(name)));
  });

  it.each(NAMES.filter((name) => Object.keys(SERVICES[name].specific).length > 0))(
    'gives %s the variables only it needs',
    (name) => {
      expect(environmentOf(name)).toMatchObject(matching(SERVICES[name].specific));
    },
  );

  it.each(NAMES)('gives %s every variable its configuration requires at boot', (name) => {
    const missing = requiredVariables(name).filter((key) => !(key in environmentOf(name)));
    expect(missing).toEqual([]);
  });

  it.each(NAMES)('gives %s only variables its configuration reads (a misspelt one would be ignored)', (name) => {
    const read = variablesRead(name);
    expect(read).toContain('PORT');
    expect(Object.keys(environmentOf(name)).filter((key) => !read.includes(key))).toEqual([]);
  });

  it.each(NAMES)('starts %s only once MongoDB and Kafka report healthy', (name) => {
    expect(compose.services[name]?.depends_on).toMatchObject({
      mongodb: { condition: 'service_healthy' },
      kafka: { condition: 'service_healthy' },
    });
  });

  it('publishes the gateway’s port and no other', () => {
    const publishing = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name, service]) => ({ name, ports: service.ports }));
    expect(publishing).toEqual([{ name: 'gateway', ports: ['3000:3000'] }]);
  });
});

describe('Dockerfile', () => {
  it('declares the SERVICE build argument in the stage that runs', () => {
    const runtime = dockerfileStages().at(-1) ?? [];
    expect(runtime).toContainEqual({ keyword: 'ARG', args: 'SERVICE' });
  });

  it('runs the service the SERVICE build argument names', () => {
    const runtime = dockerfileStages().at(-1) ?? [];
    // A build argument is gone once the container runs; ENV keeps it for CMD (and HEALTHCHECK).
    const env = runtime.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env).toContainEqual(expect.stringMatching(/(^|\s)SERVICE=("?)\$\{SERVICE\}\2(\s|$)/));
    const cmd = runtime.filter((i) => i.keyword === 'CMD').map((i) => i.args);
    expect(cmd).toEqual([expect.stringContaining('dist/services/${SERVICE}/src/main.js')]);
  });

  it('has the services listen on every interface of the container, where the gateway reaches them', () => {
    const runtime = dockerfileStages().at(-1) ?? [];
    const env = runtime.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env).toContainEqual(expect.stringMatching(/(^|\s)HOST=("?)0\.0\.0\.0\2(\s|$)/));
  });
});

/** Exact strings stay as they are; patterns become matchers. */
function matching(expected: Record<string, string | RegExp>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(expected).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : expect.stringMatching(value),
    ]),
  );
}
