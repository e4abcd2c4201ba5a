import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository's root, the folder a service process runs in. */
const ROOT = path.join(__dirname, '..', '..', '..');

/** A port no one listens on now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface LaunchOptions {
  /** Names the process in failure messages, e.g. `hours`. */
  name: string;
  /**
   * What Node runs, after the Node binary: e.g. `['-r', '@swc-node/register', 'tests/support/service-main.ts']`
   * (the TypeScript sources) or `['--enable-source-maps', 'dist/.../main.js']`.
   */
  nodeArgs: string[];
  /** The service's settings (PORT is set from `port`). */
  env: Record<string, string>;
  /**
   * Which of this process's variables the service inherits: all of them (default), or only the
   * ones named (a bench hands on PATH and HOME, not its own BENCH_* and STACK_* settings).
   */
  inherit?: 'all' | readonly string[];
  /** Default: a free port chosen now. A restart keeps it. */
  port?: number;
  /** The path answering 200 once the service is ready; default `/health/ready`. */
  readyPath?: string;
  /** Default 120 s. */
  readyTimeoutMs?: number;
  /** Keep only about this many characters of output, the latest (default: every line). */
  keepChars?: number;
  /** Opens an IPC channel to the child (`child().send`, `child().on('message')`). */
  ipc?: boolean;
}

export interface LaunchedService {
  name: string;
  port: number;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The process running now (a restart starts a new one). */
  child(): ChildProcess;
  /** The lines it wrote to stdout and stderr so far, in order (the latest `keepChars` when set). */
  lines(): string[];
  /** The same lines as one text, for a failure message. */
  output(): string;
  running(): boolean;
  /** SIGKILL: the process dies at once, as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM (SIGKILL after 15 s); resolves once it exited and its output is read. */
  stop(): Promise<void>;
  /** A new process with the same port and settings; resolves once it is ready. */
  restart(): Promise<void>;
}

/**
 * Starts a service as a Node process of its own and resolves once it answers `readyPath` with
 * 200; if it exits first or is not ready in time, stops it and throws with its last output. The
 * parent's jest variables are not handed on (the child would think it is a test worker).
 */
export async function launchService(options: LaunchOptions): Promise<LaunchedService> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const readyPath = options.readyPath ?? '/health/ready';
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const inherited =
    options.inherit === undefined || options.inherit === 'all'
      ? process.env
      : Object.fromEntries(
          Object.entries(process.env).filter(([key]) => (options.inherit as readonly string[]).includes(key)),
        );
  const lines: string[] = [];
  let kept = 0;
  const keep = (line: string) => {
    lines.push(line);
    kept += line.length + 1;
    while (options.keepChars !== undefined && kept > options.keepChars && lines.length > 1)
      kept -= lines.shift()!.length + 1;
  };
  let child!: ChildProcess;
  let exited: Promise<unknown> = Promise.resolve();
  let closed: Promise<unknown> = Promise.resolve();
  const running = () => child.exitCode === null && child.signalCode === null;
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let rest = '';
    stream
      ?.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) if (line.length > 0) keep(line);
      })
      .on('end', () => {
        if (rest) keep(rest);
        rest = '';
      });
  };
  const tail = () => lines.slice(-60).join('\n');
  const end = async (signal: NodeJS.Signals) => {
    if (running()) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await closed;
  };
  const launch = async () => {
    child = spawn(process.execPath, options.nodeArgs, {
      cwd: ROOT,
      env: { ...inherited, ...options.env, PORT: String(port), JEST_WORKER_ID: '' },
      stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? ['ipc' as const] : [])],
    });
    collect(child.stdout);
    collect(child.stderr);
    exited = once(child, 'exit');
    closed = Promise.all([once(child.stdout!, 'close'), once(child.stderr!, 'close')]);
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const ready = await fetch(`${url}${readyPath}`).then(
        (response) => response.status === 200,
        () => false, // not listening yet
      );
      if (ready) return;
      if (!running()) {
        await closed;
        throw new Error(`${options.name} exited while starting:\n${tail()}`);
      }
      if (Date.now() > deadline) {
        await end('SIGTERM');
        throw new Error(`${options.name} not ready after ${readyTimeoutMs} ms:\n${tail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  await launch();
  return {
    name: options.name,
    port,
    url,
    child: () => child,
    lines: () => lines,
    output: () => lines.join('\n'),
    running,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    restart: async () => {
      await end('SIGTERM');
      await launch();
    },
  };
}

/**
 * Starts several processes at once; if any fails, stops the others and throws the first failure.
 */
export async function launchServices(options: LaunchOptions[]): Promise<LaunchedService[]> {
  const results = await Promise.allSettled(options.map((one) => launchService(one)));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (!failed) return results.map((result) => (result as PromiseFulfilledResult<LaunchedService>).value);
  await Promise.all(results.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
  throw failed.reason;
}
