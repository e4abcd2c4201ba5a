#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the whole system on this machine. Starts the local stack (fetching and building it
 * on the first run), builds the services, starts all four, seeds what has not been seeded yet and
 * prints the gateway URL. Ctrl-C stops the services and the stack and leaves no process behind.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const stack = require('../deploy/local-stack/stack.cjs');
const { runSeeders } = require('../deploy/seed/run-seeders.cjs');
const { DEMO_USERS } = require('../deploy/seed/demo-plan.cjs');

const root = path.resolve(__dirname, '..');
// STACK_DATA_DIR moves the whole dev data folder (stack, keys, logs, seed ledger), e.g. for test:start.
const dataDir = path.resolve(process.env.STACK_DATA_DIR || path.join(root, '.data', 'dev'));
const logDir = path.join(dataDir, 'logs');

const port = (name, fallback) => Number(process.env[name] || fallback);
const SERVICES = [
  { name: 'flow-through', port: port('FLOW_THROUGH_PORT', 3001) },
  { name: 'hours', port: port('HOURS_PORT', 3002) },
  { name: 'coaching', port: port('COACHING_PORT', 3003) },
  { name: 'gateway', port: port('GATEWAY_PORT', 3000) },
];

const children = new Map();
let stopping = false;
/** Whether this run brought the local stack up (so it is the one to bring it down). */
let stackStarted = false;

function say(message) {
  process.stdout.write(`${message}\n`);
}

/** A key pair for signing access tokens, made once per machine and kept with the dev data. */
function devKeys() {
  const dir = path.join(dataDir, 'keys');
  const privatePath = path.join(dir, 'access-token.key.pem');
  const publicPath = path.join(dir, 'access-token.pub.pem');
  if (!fs.existsSync(privatePath)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    fs.writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    fs.writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { privateKeyPem: fs.readFileSync(privatePath, 'utf8'), publicKeyPem: fs.readFileSync(publicPath, 'utf8') };
}

function portIsFree(p) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(p, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

function environmentFor(service, infra, keys) {
  const url = (name) => `http://127.0.0.1:${SERVICES.find((s) => s.name === name).port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(service.port),
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    MONGODB_URI: infra.mongoUri,
    MONGODB_DB: `stapsteen-${service.name}`,
    KAFKA_BROKERS: infra.kafkaBrokers,
    AUTH_JWT_PUBLIC_KEY: keys.publicKeyPem,
  };
  if (service.name === 'gateway') {
    Object.assign(env, {
      AUTH_JWT_PRIVATE_KEY: keys.privateKeyPem,
      FLOW_THROUGH_URL: url('flow-through'),
      HOURS_URL: url('hours'),
      COACHING_URL: url('coaching'),
    });
  }
  return env;
}

function startService(service, env) {
  const log = fs.openSync(path.join(logDir, `${service.name}.log`), 'a');
  const child = spawn(
    process.execPath,
    // The heap limit the Dockerfile sets too: without it V8 on a large machine lets a service's heap
    // grow to 400 MB of mostly uncollected garbage; with it a Flanders-scale close peaks near 250 MB.
    [
      '--enable-source-maps',
      '--max-old-space-size=192',
      path.join(root, 'dist', 'services', service.name, 'src', 'main.js'),
    ],
    {
      env,
      stdio: ['ignore', log, 'pipe'],
    },
  );
  fs.closeSync(log);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${service.name}] ${chunk}`));
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      say(
        `\n${service.name} stopped unexpectedly (${signal || `exit code ${code}`}); see ${path.join(logDir, `${service.name}.log`)}`,
      );
      shutdown(1);
    }
  });
  children.set(service.name, child);
}

async function waitUntilReady(service, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(
    `${service.name} was not ready within ${timeoutMs / 1000}s; see ${path.join(logDir, `${service.name}.log`)}`,
  );
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('\nStopping Stapsteen...');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  // Only a stack this run started: a start refused because Stapsteen already runs (its ports are
  // taken) must leave that running one's Kafka and database alone.
  if (stackStarted)
    await stack.down({ profile: 'dev' }).catch((error) => say(`stopping the local stack failed: ${error.message}`));
  say('Stopped.');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  const startedAt = Date.now();
  const since = () => `${Math.round((Date.now() - startedAt) / 1000)} s`;
  // Refuses a bad STAPSTEEN_TODAY before anything starts (the services refuse it the same way).
  const today = require('../deploy/seed/today.cjs').todayFrom({ ...process.env, NODE_ENV: 'development' });
  if (process.env.STAPSTEEN_TODAY)
    say(`Today is ${today} (STAPSTEEN_TODAY; the services' clocks start at 12:00 that day)`);
  fs.mkdirSync(logDir, { recursive: true });

  for (const service of SERVICES) {
    if (!(await portIsFree(service.port))) {
      const variable = `${service.name.replace('-', '_').toUpperCase()}_PORT`;
      throw new Error(`port ${service.port} for ${service.name} is taken; stop that program or set ${variable}=<port>`);
    }
  }
  say('Starting Kafka and FerretDB (the first time also fetches and builds them)...');
  stackStarted = true;
  const infra = await stack.up({ profile: 'dev' });
  say(`Building the services... (${since()})`);
  const build = spawn(process.execPath, [path.join(__dirname, 'build.cjs')], { stdio: 'inherit' });
  const buildCode = await new Promise((resolve) => build.on('exit', resolve));
  if (buildCode !== 0) throw new Error('the build failed');

  const keys = devKeys();
  say(`Starting the services... (${since()})`);
  for (const service of SERVICES) startService(service, environmentFor(service, infra, keys));
  await Promise.all(SERVICES.map((service) => waitUntilReady(service)));
  if (stopping) return;

  const urls = Object.fromEntries(SERVICES.map((s) => [s.name, `http://127.0.0.1:${s.port}`]));
  const seedStarted = Date.now();
  const seeded = await runSeeders({ dataDir, urls, privateKeyPem: keys.privateKeyPem, log: say });
  if (seeded > 0) say(`Seeded in ${Math.round((Date.now() - seedStarted) / 1000)} s.`);

  say('');
  say(`Stapsteen is running: ${urls.gateway}  (ready in ${since()})`);
  say('  Demo logins (demo data: region Kempen, three wijk-werkorganisaties, about 150 participants):');
  const roleNames = { ORGANISER: 'organiser', COACH: 'coach', REGIONAL_MANAGER: 'regional manager', ADMIN: 'admin' };
  for (const user of DEMO_USERS) {
    say(`    ${roleNames[user.role].padEnd(17)} ${user.email.padEnd(40)} ${user.password}`);
  }
  say(`  API documentation: ${urls['flow-through']}/docs  ${urls.hours}/docs  ${urls.coaching}/docs`);
  say(`  logs: ${logDir}`);
  say('Press Ctrl-C to stop everything.');
}

main().catch(async (error) => {
  process.stderr.write(`\nnpm start failed: ${error.message}\n`);
  await shutdown(1);
});
