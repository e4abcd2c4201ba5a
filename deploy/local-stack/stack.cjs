#!/usr/bin/env node
'use strict';
/**
 * The local stack: a single-node Kafka 3.9.1 (KRaft) from Maven Central jars and FerretDB 1.24
 * built from the Go module proxy, on its PostgreSQL back end (Debian's PostgreSQL server, run by
 * this script as an unprivileged user) or, with STACK_DB_BACKEND=sqlite, on its SQLite back end.
 * PostgreSQL is the default because it was measured far faster under our writes (docs/adr/0010).
 * There is no Docker engine on our machines, so this script fetches, builds, starts, awaits and
 * stops the servers itself.
 *
 *   node deploy/local-stack/stack.cjs up|down|status [--profile dev|test]
 *
 * Two profiles keep a developer's running system and a test run apart: `dev` keeps its data
 * between runs, `test` starts from empty data every time and uses other ports.
 * When KAFKA_BROKERS or MONGODB_URI is set, that server is used and nothing is started for it.
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const HERE = __dirname;

const PROFILE_DEFAULTS = {
  dev: { kafkaPort: 9092, controllerPort: 9093, mongoPort: 27017, freshData: false },
  test: { kafkaPort: 19092, controllerPort: 19093, mongoPort: 37017, freshData: true },
};

class StackError extends Error {}

function intFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new StackError(`${name} must be a port number between 1 and 65535, got "${raw}"`);
  }
  return value;
}

function settings(profile = process.env.STACK_PROFILE || 'dev') {
  const defaults = PROFILE_DEFAULTS[profile];
  if (!defaults) throw new StackError(`Unknown stack profile "${profile}" (use dev or test)`);
  const cacheDir = path.resolve(process.env.STACK_CACHE_DIR || path.join(ROOT, '.cache', 'stack'));
  const dataDir = path.resolve(process.env.STACK_DATA_DIR || path.join(ROOT, '.data', profile));
  return {
    profile,
    cacheDir,
    dataDir,
    freshData: defaults.freshData,
    kafkaPort: intFromEnv('STACK_KAFKA_PORT', defaults.kafkaPort),
    controllerPort: intFromEnv('STACK_KAFKA_CONTROLLER_PORT', defaults.controllerPort),
    mongoPort: intFromEnv('STACK_MONGO_PORT', defaults.mongoPort),
    // Next to FerretDB's port by default, so that every stack given its own STACK_MONGO_PORT
    // (tests, benches, parallel work) also gets its own PostgreSQL.
    postgresPort: intFromEnv('STACK_POSTGRES_PORT', intFromEnv('STACK_MONGO_PORT', defaults.mongoPort) + 1),
    backend: dbBackend(),
    // STACK_POSTGRES_DURABLE_COMMITS=1: a commit waits for its WAL (synchronous_commit=on). Off by
    // default (faster); a suite that kills PostgreSQL and then checks what was stored needs it,
    // because an asynchronous commit of the last ~0.6 s is lost with the process.
    durableCommits: process.env.STACK_POSTGRES_DURABLE_COMMITS === '1',
    externalKafka: process.env.KAFKA_BROKERS || undefined,
    externalMongo: process.env.MONGODB_URI || undefined,
  };
}

function dbBackend() {
  const backend = process.env.STACK_DB_BACKEND || 'postgresql';
  if (backend !== 'postgresql' && backend !== 'sqlite') {
    throw new StackError(`STACK_DB_BACKEND must be postgresql or sqlite, got "${backend}"`);
  }
  return backend;
}

function log(message) {
  process.stderr.write(`[stack] ${message}\n`);
}

function hashFiles(files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function requireTool(command, args, why) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new StackError(`${command} was not found or does not run. ${why}`);
  }
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout || ''}\n${result.stderr || ''}`.trim().split('\n').slice(-25).join('\n');
    throw new StackError(`${command} ${args.join(' ')} failed:\n${output || result.error}`);
  }
  return result.stdout;
}

/** Fetches the broker's jars once per version of the POM; later runs reuse them. */
function ensureKafkaRuntime(cfg) {
  const pom = path.join(HERE, 'kafka', 'pom.xml');
  const target = path.join(cfg.cacheDir, 'kafka', hashFiles([pom]));
  const libs = path.join(target, 'libs');
  if (fs.existsSync(path.join(target, 'complete'))) return libs;
  requireTool(
    'mvn',
    ['-v'],
    'Maven fetches the Kafka broker from Maven Central: install maven, or set KAFKA_BROKERS to use a running broker.',
  );
  log('fetching Kafka 3.9.1 from Maven Central (first run only)...');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  run('mvn', [
    '-B',
    '-q',
    '-f',
    pom,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${libs}`,
    '-DincludeScope=runtime',
  ]);
  fs.writeFileSync(path.join(target, 'complete'), new Date().toISOString());
  return libs;
}

/** Builds our tiny FerretDB program once per version of its sources; later runs reuse it. */
function ensureFerretBinary(cfg) {
  const dir = path.join(HERE, 'ferretdb');
  const stamp = hashFiles(['main.go', 'go.mod', 'go.sum'].map((f) => path.join(dir, f)));
  const binary = path.join(cfg.cacheDir, 'ferretdb', stamp, 'ferretdb');
  if (fs.existsSync(binary)) return binary;
  requireTool(
    'go',
    ['version'],
    'Go builds FerretDB from the Go module proxy: install Go 1.24 or newer, or set MONGODB_URI to use a running MongoDB.',
  );
  log('building FerretDB 1.24 from the Go module proxy (first run only, about a minute)...');
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  // Per process: two stacks starting at once on a new machine must not write one file together.
  const partial = `${binary}.${process.pid}.partial`;
  run('go', ['build', '-buildvcs=false', '-trimpath', '-o', partial, '.'], { cwd: dir });
  fs.renameSync(partial, binary);
  return binary;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function portAccepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function assertPortFree(port, variable) {
  if (!(await portIsFree(port))) {
    throw new StackError(
      `port ${port} on 127.0.0.1 is taken by another program; stop it or choose another port with ${variable}=<port>`,
    );
  }
}

function pidFile(cfg, name) {
  return path.join(cfg.dataDir, `${name}.pid`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(cfg, name) {
  try {
    const pid = Number(fs.readFileSync(pidFile(cfg, name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function startDetached(cfg, name, command, args, spawnOptions = {}) {
  const logPath = path.join(cfg.dataDir, `${name}.log`);
  const out = fs.openSync(logPath, 'a');
  // Own process group, so that stopping kills the JVM and every child it may have.
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', out, out],
    cwd: cfg.dataDir,
    ...spawnOptions,
  });
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(pidFile(cfg, name), String(child.pid));
  return { pid: child.pid, logPath };
}

async function waitFor(description, check, { timeoutMs, pid, logPath }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (pid && !isAlive(pid)) {
      const tail = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') : '';
      throw new StackError(`${description} exited while starting; last lines of ${logPath}:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new StackError(`${description} was not ready within ${timeoutMs / 1000}s; see ${logPath}`);
}

function kafkaProperties(cfg) {
  const logs = path.join(cfg.dataDir, 'kafka', 'logs');
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${cfg.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${cfg.kafkaPort},CONTROLLER://127.0.0.1:${cfg.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${cfg.kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logs}`,
    'num.partitions=3',
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=INFO, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka=INFO',
  'log4j.logger.org.apache.kafka=WARN',
  'log4j.logger.state.change.logger=WARN',
  '',
].join('\n');

async function startKafka(cfg) {
  const existing = readPid(cfg, 'kafka');
  if (existing && (await portAccepts(cfg.kafkaPort))) {
    log(`Kafka already running (pid ${existing}) on 127.0.0.1:${cfg.kafkaPort}`);
    return;
  }
  requireTool(
    'java',
    ['-version'],
    'Java 17 runs the local Kafka broker: install openjdk-17-jre-headless, or set KAFKA_BROKERS to use a running broker.',
  );
  const libs = ensureKafkaRuntime(cfg);
  await assertPortFree(cfg.kafkaPort, 'STACK_KAFKA_PORT');
  await assertPortFree(cfg.controllerPort, 'STACK_KAFKA_CONTROLLER_PORT');

  const dir = path.join(cfg.dataDir, 'kafka');
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const props = path.join(dir, 'server.properties');
  const log4j = path.join(dir, 'log4j.properties');
  fs.writeFileSync(props, kafkaProperties(cfg));
  fs.writeFileSync(log4j, LOG4J);
  const classpath = `${libs}/*`;
  const jvm = [
    '-Xms128m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${log4j}`,
    '-cp',
    classpath,
  ];
  if (!fs.existsSync(path.join(dir, 'logs', 'meta.properties'))) {
    const clusterId = crypto.randomBytes(16).toString('base64url');
    // `=` form: a generated id may start with '-', which the tool would read as a flag.
    run('java', [...jvm, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '--config', props]);
  }
  const logPath = path.join(cfg.dataDir, 'kafka.log');
  const startedAt = fs.existsSync(logPath) ? fs.statSync(logPath).size : 0;
  const { pid } = startDetached(cfg, 'kafka', 'java', [...jvm, 'kafka.Kafka', props]);
  log(`starting Kafka (pid ${pid}) on 127.0.0.1:${cfg.kafkaPort}...`);
  await waitFor(
    'Kafka',
    async () => {
      const text = fs.readFileSync(logPath, 'utf8').slice(startedAt);
      return text.includes('Transition from STARTING to STARTED') && (await portAccepts(cfg.kafkaPort));
    },
    { timeoutMs: 120_000, pid, logPath },
  );
}

/** The directory of Debian's PostgreSQL server programs (the newest installed major version). */
function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new StackError(
      'the PostgreSQL server was not found under /usr/lib/postgresql: install it (apt-get install postgresql), ' +
        'or set STACK_DB_BACKEND=sqlite, or set MONGODB_URI to use a running MongoDB',
    );
  }
  return path.join(base, versions[0], 'bin');
}

/**
 * PostgreSQL refuses to run as root. Run as root, the server runs as the system user `postgres`
 * (made by Debian's package) or, failing that, a system user this script creates.
 */
function postgresUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'stapsteen-db']) {
    if (spawnSync('id', ['-u', name]).status === 0) return name;
  }
  run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'stapsteen-db']);
  return 'stapsteen-db';
}

/** Spawn options that run a program as the PostgreSQL user (no wrapper process in between). */
function asPostgresUser(user) {
  if (!user) return {};
  const id = (flag) => Number(run('id', [flag, user]).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function startPostgres(cfg) {
  const existing = readPid(cfg, 'postgresql');
  if (existing && (await portAccepts(cfg.postgresPort))) {
    log(`PostgreSQL already running (pid ${existing}) on 127.0.0.1:${cfg.postgresPort}`);
    return;
  }
  const bin = postgresBinDir();
  const user = postgresUser();
  const asUser = asPostgresUser(user);
  await assertPortFree(cfg.postgresPort, 'STACK_POSTGRES_PORT');
  const dir = path.join(cfg.dataDir, 'postgresql');
  const data = path.join(dir, 'data');
  fs.mkdirSync(dir, { recursive: true });
  if (user) spawnSync('chown', ['-R', user, dir]);
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    fs.rmSync(data, { recursive: true, force: true });
    log('creating the PostgreSQL cluster (first start of this data folder)...');
    run(
      path.join(bin, 'initdb'),
      ['-D', data, '-U', 'stapsteen', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'],
      { cwd: dir, ...asUser },
    );
  }
  // Only on loopback, socket in the data folder. A test stack starts from nothing every time, so
  // it skips the disk flushes; the dev stack keeps its data safe and only commits asynchronously.
  const settingsArgs = [
    '-D',
    data,
    '-p',
    String(cfg.postgresPort),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    `synchronous_commit=${cfg.durableCommits ? 'on' : 'off'}`,
    '-c',
    'max_connections=450',
    // FerretDB passes the field name as a parameter (`_jsonb->$1 @> $2`); only a custom plan sees
    // that it is `_id` and can use the index below (see ID_LOOKUP_INDEX).
    '-c',
    'plan_cache_mode=force_custom_plan',
  ];
  if (cfg.freshData) settingsArgs.push('-c', 'fsync=off', '-c', 'full_page_writes=off');
  const logPath = path.join(cfg.dataDir, 'postgresql.log');
  const { pid } = startDetached(cfg, 'postgresql', path.join(bin, 'postgres'), settingsArgs, asUser);
  log(`starting PostgreSQL (pid ${pid}) on 127.0.0.1:${cfg.postgresPort}...`);
  await waitFor(
    'PostgreSQL',
    () => {
      const ready = spawnSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(cfg.postgresPort)]);
      return ready.status === 0;
    },
    { timeoutMs: 60_000, pid, logPath },
  );
  const created = path.join(dir, 'database-created');
  if (!fs.existsSync(created)) {
    run(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(cfg.postgresPort), '-U', 'stapsteen', 'ferretdb']);
    fs.writeFileSync(created, new Date().toISOString());
  }
  // Every start: idempotent, and gives tables of an older data folder the index too.
  run(path.join(bin, 'psql'), [
    '-q',
    '-h',
    '127.0.0.1',
    '-p',
    String(cfg.postgresPort),
    '-U',
    'stapsteen',
    '-d',
    'ferretdb',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    ID_LOOKUP_INDEX,
  ]);
}

/**
 * FerretDB 1.24 on PostgreSQL turns `{_id: x}` into `_jsonb->'_id' @> x`, which its own unique
 * btree index on `_jsonb->'_id'` cannot answer: every `findOne({_id})`, and the read inside every
 * `updateOne({_id})`, scanned the whole collection (about 45 ms at 15,000 documents of 2 KB,
 * growing with the collection; issue 14). A GIN index on the same expression answers `@>`; an
 * event trigger gives it to every table FerretDB creates, and existing tables get it here.
 * Measured (docs/adr/0021): findOne of an existing `_id` 142 → 2.6 ms p50, updateOne 67 → 5 ms.
 */
const ID_LOOKUP_INDEX = `
CREATE OR REPLACE FUNCTION stapsteen_id_lookup_index(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = '_jsonb' AND NOT attisdropped) THEN
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb->''_id'') jsonb_path_ops)',
      'stapsteen_id_' || target::oid, target);
  END IF;
END $$;
CREATE OR REPLACE FUNCTION stapsteen_id_lookup_on_create() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE created record;
BEGIN
  FOR created IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'table' LOOP
    PERFORM stapsteen_id_lookup_index(created.objid::regclass);
  END LOOP;
END $$;
DROP EVENT TRIGGER IF EXISTS stapsteen_id_lookup;
CREATE EVENT TRIGGER stapsteen_id_lookup ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION stapsteen_id_lookup_on_create();
SELECT stapsteen_id_lookup_index(c.oid::regclass) FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema');
`;

async function startFerret(cfg) {
  const existing = readPid(cfg, 'ferretdb');
  if (existing && (await portAccepts(cfg.mongoPort))) {
    log(`FerretDB already running (pid ${existing}) on 127.0.0.1:${cfg.mongoPort}`);
    return;
  }
  const binary = ensureFerretBinary(cfg);
  await assertPortFree(cfg.mongoPort, 'STACK_MONGO_PORT');
  const args = ['-listen', `127.0.0.1:${cfg.mongoPort}`];
  if (cfg.backend === 'postgresql') {
    await startPostgres(cfg);
    args.push(
      '-handler',
      'postgresql',
      '-postgresql-url',
      `postgres://stapsteen@127.0.0.1:${cfg.postgresPort}/ferretdb?pool_max_conns=400`,
    );
  } else {
    const data = path.join(cfg.dataDir, 'ferretdb');
    fs.mkdirSync(data, { recursive: true });
    args.push('-handler', 'sqlite', '-data', data);
  }
  const logPath = path.join(cfg.dataDir, 'ferretdb.log');
  const { pid } = startDetached(cfg, 'ferretdb', binary, args);
  log(`starting FerretDB on ${cfg.backend} (pid ${pid}) on 127.0.0.1:${cfg.mongoPort}...`);
  await waitFor('FerretDB', () => portAccepts(cfg.mongoPort), { timeoutMs: 60_000, pid, logPath });
}

async function stopProcess(cfg, name, signal = 'SIGTERM') {
  const pid = readPid(cfg, name);
  fs.rmSync(pidFile(cfg, name), { force: true });
  if (!pid) return false;
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    }
  };
  signalGroup(signal);
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) signalGroup('SIGKILL');
  return true;
}

/**
 * Fault tests only (tests/faults): the stack's Kafka dies as in a crash, SIGKILL to its process
 * group, no clean shutdown, its data folder left as the crash left it. Resolves once it is gone.
 */
async function killKafka(options = {}) {
  const cfg = settings(options.profile);
  const pid = readPid(cfg, 'kafka');
  if (!pid) throw new StackError('Kafka is not running in this stack');
  fs.rmSync(pidFile(cfg, 'kafka'), { force: true });
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    process.kill(pid, 'SIGKILL');
  }
  // A killed child of this process stays a zombie until reaped: gone means not running any more.
  const running = () => {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  while (running()) await new Promise((resolve) => setTimeout(resolve, 50));
  return pid;
}

/** Fault tests only: starts Kafka alone again on its data folder (after killKafka), as `up` starts it. */
async function restartKafka(options = {}) {
  const cfg = settings(options.profile);
  await startKafka(cfg);
  return endpoints(cfg).kafkaBrokers;
}

function endpoints(cfg) {
  return {
    kafkaBrokers: cfg.externalKafka || `127.0.0.1:${cfg.kafkaPort}`,
    mongoUri: cfg.externalMongo || `mongodb://127.0.0.1:${cfg.mongoPort}/`,
  };
}

async function up(options = {}) {
  const cfg = settings(options.profile);
  if (cfg.freshData) {
    // A test run never inherits state: stop leftovers of an interrupted run, then wipe its data.
    await stopProcess(cfg, 'kafka');
    await stopProcess(cfg, 'ferretdb');
    await stopProcess(cfg, 'postgresql', 'SIGINT');
    fs.rmSync(cfg.dataDir, { recursive: true, force: true });
  }
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  // Both may need a first-run fetch or build; do those before starting, then start both together.
  if (!cfg.externalKafka) ensureKafkaRuntime(cfg);
  if (!cfg.externalMongo) ensureFerretBinary(cfg);
  const starts = await Promise.allSettled([
    cfg.externalKafka ? log(`using external Kafka at ${cfg.externalKafka}`) : startKafka(cfg),
    cfg.externalMongo ? log('using external MongoDB from MONGODB_URI') : startFerret(cfg),
  ]);
  const failure = starts.find((s) => s.status === 'rejected');
  if (failure) {
    // Half a stack is no use to anyone and would hold its ports: stop what did start.
    await down({ profile: cfg.profile });
    throw failure.reason;
  }
  const result = endpoints(cfg);
  log(`ready: KAFKA_BROKERS=${result.kafkaBrokers} MONGODB_URI=${cfg.externalMongo ? '(external)' : result.mongoUri}`);
  return result;
}

async function down(options = {}) {
  const cfg = settings(options.profile);
  const stopped = [];
  if (await stopProcess(cfg, 'kafka')) stopped.push('Kafka');
  if (await stopProcess(cfg, 'ferretdb')) stopped.push('FerretDB');
  // After FerretDB, its only client; SIGINT is PostgreSQL's fast shutdown.
  if (await stopProcess(cfg, 'postgresql', 'SIGINT')) stopped.push('PostgreSQL');
  log(stopped.length ? `stopped ${stopped.join(', ')}` : 'nothing was running');
}

/**
 * Stops the database alone, for the fault suite (tests/faults): `part` 'ferretdb' stops FerretDB,
 * 'postgresql' its PostgreSQL back end (FerretDB keeps running), 'both' both. SIGKILL by default,
 * sent to the whole process group, as a crash would. Kafka is left alone.
 */
async function stopDatabase(options = {}) {
  const cfg = settings(options.profile);
  const part = options.part ?? 'both';
  const signal = options.signal ?? 'SIGKILL';
  if (part === 'ferretdb' || part === 'both') await stopProcess(cfg, 'ferretdb', signal);
  if ((part === 'postgresql' || part === 'both') && cfg.backend === 'postgresql') {
    await stopProcess(cfg, 'postgresql', signal);
  }
}

/** Starts what `stopDatabase` stopped (PostgreSQL first, then FerretDB), on the same data. */
async function startDatabase(options = {}) {
  const cfg = settings(options.profile);
  if (cfg.backend === 'postgresql') await startPostgres(cfg);
  await startFerret(cfg);
}

async function status(options = {}) {
  const cfg = settings(options.profile);
  const rows = [];
  const servers = [
    ['kafka', cfg.kafkaPort, cfg.externalKafka],
    ['ferretdb', cfg.mongoPort, cfg.externalMongo],
  ];
  if (cfg.backend === 'postgresql') servers.push(['postgresql', cfg.postgresPort, cfg.externalMongo]);
  for (const [name, port, external] of servers) {
    if (external) {
      rows.push({ name, state: 'external' });
      continue;
    }
    const pid = readPid(cfg, name);
    const accepting = await portAccepts(port);
    rows.push({ name, state: pid && accepting ? 'running' : pid ? 'starting or unhealthy' : 'stopped', pid, port });
  }
  return rows;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const profileFlag = rest.indexOf('--profile');
  const profile = profileFlag >= 0 ? rest[profileFlag + 1] : undefined;
  try {
    if (command === 'up') {
      const { kafkaBrokers, mongoUri } = await up({ profile });
      process.stdout.write(`KAFKA_BROKERS=${kafkaBrokers}\nMONGODB_URI=${mongoUri}\n`);
    } else if (command === 'down') {
      await down({ profile });
    } else if (command === 'status') {
      for (const row of await status({ profile })) {
        process.stdout.write(
          `${row.name.padEnd(10)} ${row.state}${row.pid ? ` (pid ${row.pid}, port ${row.port})` : ''}\n`,
        );
      }
    } else {
      process.stderr.write('usage: stack.cjs up|down|status [--profile dev|test]\n');
      process.exitCode = 2;
    }
  } catch (error) {
    process.stderr.write(`[stack] ${error instanceof StackError ? error.message : error.stack}\n`);
    process.exitCode = 1;
  }
}

module.exports = { up, down, status, settings, stopDatabase, startDatabase, killKafka, restartKafka, StackError };

if (require.main === module) main();
