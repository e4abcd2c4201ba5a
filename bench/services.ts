/**
 * The services of a bench, each in a Node process of its own, started as production starts them
 * (`node --enable-source-maps dist/services/<service>/src/main.js`, NODE_ENV=production, the
 * service's own main and bootstrap), so that the peak resident memory the bench reports is the
 * service's and nothing else's (issue 14, scenario 5: at most 300 MB per service).
 *
 * The code is compiled once per scenario with swc into .cache/bench-dist/<data folder> (the same settings as
 * `npm run build`, which would empty the dist/ that `npm start` may be running from). With
 * BENCH_SERVICE_RUNTIME=swc a service runs from the TypeScript sources through @swc-node/register
 * instead (as tests/replicas does); it costs memory production does not spend (see the README).
 */
import { launchService } from '@stapsteen/testing';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import mongoose, { type Connection } from 'mongoose';
import { log } from './support';

const ROOT = path.join(__dirname, '..');
/**
 * One build per bench data folder (.cache/bench-dist/<folder>), so that benches run side by side
 * with their own STACK_DATA_DIR never compile over each other's running services.
 */
const buildDir = () => path.join(ROOT, '.cache', 'bench-dist', path.basename(process.env.STACK_DATA_DIR ?? 'bench'));
const PROBE = path.join(__dirname, 'service-probe.cjs');

export type ServiceName = 'hours' | 'flow-through' | 'coaching';

/** One database command the service completed while its profile was on. */
export interface ServiceCommand {
  commandName: string;
  collection: string;
  duration: number;
  bytes: number;
}

export interface BenchService {
  name: ServiceName;
  pid: number;
  /** e.g. http://127.0.0.1:41234, for supertest's `request(url)` */
  url: string;
  /** The service's database, as the bench's own connection (seeding, raw baselines, checks). */
  connection: Connection;
  dbName: string;
  /** 'command' events (ServiceCommand) while `profile(true)`; needs `commands: true` at start. */
  commands: EventEmitter;
  profile(on: boolean): void;
  /** The service's own process.memoryUsage() (after a collection: retained memory). */
  memoryUsage(): Promise<NodeJS.MemoryUsage>;
  /** Writes a heap snapshot of the service to `file` (the service pauses meanwhile). */
  heapSnapshot(file: string): Promise<string>;
  /** Resident memory now and its peak so far (VmRSS, VmHWM of /proc/<pid>/status), in MB. */
  rssMb(): { now: number; peak: number };
  /** Stops it (SIGTERM, Nest's shutdown hooks) and returns its peak RSS in MB. */
  stop(): Promise<number>;
}

let compiled = false;

/** Compiles services and libs into .cache/bench-dist as `npm run build` compiles them into dist/. */
export function compileServices(): void {
  if (compiled || runtime() === 'swc') return;
  const started = performance.now();
  const swcrc = JSON.parse(readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
  delete swcrc.$schema;
  const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'));
  swcrc.jsc.baseUrl = ROOT;
  swcrc.jsc.paths = Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths as Record<string, string[]>).map(([alias, targets]) => [
      alias,
      targets.map((t) => `./${t}/index.ts`),
    ]),
  );
  swcrc.exclude = ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$'];
  mkdirSync(buildDir(), { recursive: true });
  const configFile = path.join(buildDir(), 'swcrc.json');
  writeFileSync(configFile, JSON.stringify(swcrc));
  const result = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'swc'),
    [
      'services',
      'libs',
      '--out-dir',
      buildDir(),
      '--config-file',
      configFile,
      '--ignore',
      'services/gateway/web/**',
      '--quiet',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`swc could not compile the services (exit ${result.status})`);
  compiled = true;
  log(`services compiled into ${path.relative(ROOT, buildDir())} in ${Math.round(performance.now() - started)} ms`);
}

function runtime(): 'dist' | 'swc' {
  return process.env.BENCH_SERVICE_RUNTIME === 'swc' ? 'swc' : 'dist';
}

/** VmRSS and VmHWM of a process, in MB (0 once it is gone). */
export function procRssMb(pid: number): { now: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { now: 0, peak: 0 };
  }
}

/**
 * Starts `name` in a process of its own against the bench's Kafka and database (KAFKA_BROKERS,
 * MONGODB_URI as startBenchStack set them) with its own database `bench-<name>` and production's
 * consumer group, and resolves once it answers /health/ready. `env` adds or overrides settings.
 */
export async function startBenchService(
  name: ServiceName,
  publicKeyPem: string,
  env: Record<string, string> = {},
  options: { commands?: boolean } = {},
): Promise<BenchService> {
  compileServices();
  const dbName = `bench-${name}`;
  const mongoUri = process.env.MONGODB_URI!;
  const serviceEnv: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    MONGODB_URI: options.commands ? `${mongoUri}${mongoUri.includes('?') ? '&' : '?'}monitorCommands=true` : mongoUri,
    MONGODB_DB: dbName,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
    AUTH_JWT_PUBLIC_KEY: publicKeyPem,
    KPI_PSEUDONYM_SECRET: 'bench-pseudonym-secret',
    BENCH_PROBE_COMMANDS: options.commands ? '1' : '',
    ...env,
  };
  // A bench run with --expose-gc hands it on, so the service's memory phases are measured after a collection.
  const gc = process.execArgv.includes('--expose-gc') ? ['--expose-gc'] : [];
  // As production starts a service (Dockerfile, npm start): a 192 MB heap limit.
  // BENCH_SERVICE_NODE_FLAGS replaces these flags, e.g. '--max-old-space-size=4096' to see what the
  // limit does to the peak RSS and the timings.
  gc.push(...(process.env.BENCH_SERVICE_NODE_FLAGS ?? '--max-old-space-size=192').split(' ').filter(Boolean));
  const args =
    runtime() === 'swc'
      ? [...gc, '-r', PROBE, '-r', '@swc-node/register', path.join(ROOT, 'services', name, 'src', 'main.ts')]
      : [...gc, '--enable-source-maps', '-r', PROBE, path.join(buildDir(), 'services', name, 'src', 'main.js')];
  if (runtime() === 'dist' && !existsSync(args[args.length - 1]))
    throw new Error(`${args[args.length - 1]} is missing`);
  const connection = mongoose.createConnection(mongoUri, { dbName });
  let service: Awaited<ReturnType<typeof launchService>>;
  try {
    await connection.asPromise();
    service = await launchService({
      name,
      nodeArgs: args,
      env: serviceEnv,
      // Only what a service needs from the bench's environment: not the BENCH_* scale or STACK_* ports.
      inherit: ['PATH', 'HOME', 'TZ', 'STAPSTEEN_TODAY'],
      keepChars: 20_000,
      ipc: true,
    });
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  const child = service.child();
  const commands = new EventEmitter();
  const memoryRequests = new Map<number, (m: NodeJS.MemoryUsage) => void>();
  const snapshotRequests = new Map<number, (file: string) => void>();
  let nextRequest = 0;
  child.on(
    'message',
    (message: { probe?: string; id?: number; memory?: NodeJS.MemoryUsage; file?: string } & ServiceCommand) => {
      if (message.probe === 'command') commands.emit('command', message);
      if (message.probe === 'snapshot' && message.id !== undefined) snapshotRequests.get(message.id)?.(message.file!);
      if (message.probe === 'memory' && message.id !== undefined) memoryRequests.get(message.id)?.(message.memory!);
    },
  );
  let lastPeak = 0;
  const rssMb = () => {
    const figures = procRssMb(child.pid!);
    lastPeak = Math.max(lastPeak, figures.peak);
    return figures;
  };
  const stop = async () => {
    rssMb();
    await service.stop();
    await connection.close().catch(() => undefined);
    return lastPeak;
  };
  return {
    name,
    pid: child.pid!,
    url: service.url,
    connection,
    dbName,
    commands,
    profile: (on) => child.send({ probe: on ? 'on' : 'off' }),
    memoryUsage: () =>
      new Promise((resolve) => {
        const id = nextRequest++;
        memoryRequests.set(id, (m) => {
          memoryRequests.delete(id);
          resolve(m);
        });
        child.send({ probe: 'memory', id });
      }),
    heapSnapshot: (file) =>
      new Promise((resolve) => {
        const id = nextRequest++;
        snapshotRequests.set(id, (written) => {
          snapshotRequests.delete(id);
          resolve(written);
        });
        child.send({ probe: 'snapshot', id, file });
      }),
    rssMb,
    stop,
  };
}

/**
 * Watches the services' memory while a phase runs: every 250 ms each one's process.memoryUsage(),
 * keeping the sample of highest RSS (is the peak JavaScript heap or buffers outside it?). With
 * BENCH_HEAP_SNAPSHOT_MB set, a service that passes that RSS writes one heap snapshot into
 * bench/results/ (it pauses while writing and the snapshot costs memory: a diagnosis, not a figure).
 * `stop()` logs the highest sample of each.
 */
export function watchMemory(phase: string, ...services: BenchService[]): { stop: () => Promise<void> } {
  const highest = new Map<string, NodeJS.MemoryUsage>();
  const snapshotAt = Number(process.env.BENCH_HEAP_SNAPSHOT_MB ?? 0);
  const snapshotted = new Set<string>();
  let watching = true;
  const sample = async (service: BenchService) => {
    // A service that stopped answering must not hold the bench: no sample then.
    const m = await Promise.race([
      service.memoryUsage(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000)),
    ]);
    if (!m) return;
    if (m.rss > (highest.get(service.name)?.rss ?? 0)) highest.set(service.name, m);
    if (snapshotAt > 0 && m.rss / 2 ** 20 >= snapshotAt && !snapshotted.has(service.name)) {
      snapshotted.add(service.name);
      const dir = path.join(__dirname, 'results');
      mkdirSync(dir, { recursive: true });
      const file = await service.heapSnapshot(path.join(dir, `${service.name}-${phase}-${Date.now()}.heapsnapshot`));
      log(`  heap snapshot of ${service.name} at ${Math.round(m.rss / 2 ** 20)} MB RSS: ${path.relative(ROOT, file)}`);
    }
  };
  const watcher = (async () => {
    while (watching) {
      await Promise.all(services.map(sample));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await watcher;
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      for (const [name, m] of highest)
        log(
          `  ${name} at its highest sampled RSS during ${phase}: rss ${mb(m.rss)} MB, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB (buffers ${mb(m.arrayBuffers)} MB)`,
        );
    },
  };
}

/** Each service's peak RSS so far (VmHWM), in MB, for `report`'s `servicePeakRssMb`. */
export function servicePeaks(...services: BenchService[]): Record<string, number> {
  return Object.fromEntries(services.map((service) => [service.name, service.rssMb().peak]));
}
