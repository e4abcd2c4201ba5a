import { startGroupAtTopicEnds, testServiceEnv } from '@stapsteen/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

export type ServiceName = 'gateway' | 'flow-through' | 'hours' | 'coaching';

export interface ServiceProcess {
  service: ServiceName;
  url: string;
  /** Every line the process wrote to stdout and stderr so far, in order. */
  lines(): string[];
  running(): boolean;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 180_000;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Starts one service in its own Node process with the production bootstrap, on the run's Kafka and
 * FerretDB with a database and consumer group of its own, and keeps every line it writes. Resolves
 * once it answers `/health/ready` (the gateway: `/health/live`).
 */
export async function startServiceProcess(
  service: ServiceName,
  publicKeyPem: string,
  extraEnv: Record<string, string>,
): Promise<ServiceProcess> {
  const port = await freePort();
  const { env } = testServiceEnv(service, publicKeyPem, { ...extraEnv, PORT: String(port) });
  const kafkaGroupId = `test-privacy-${service}-${randomUUID().slice(0, 8)}`;
  if (service !== 'gateway') await startGroupAtTopicEnds(kafkaGroupId);
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'service-main.ts')],
    {
      cwd: path.join(__dirname, '..', '..'),
      env: {
        ...process.env,
        ...env,
        // The parent's jest variables would make the child think it is a test worker.
        JEST_WORKER_ID: '',
        PRIVACY_SERVICE: service,
        PRIVACY_KAFKA_GROUP_ID: kafkaGroupId,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const collect = () => {
    let rest = '';
    return {
      data: (chunk: Buffer) => {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop() ?? '';
        lines.push(...parts.filter((line) => line.length > 0));
      },
      end: () => {
        if (rest) lines.push(rest);
        rest = '';
      },
    };
  };
  const out = collect();
  const err = collect();
  child.stdout?.on('data', out.data).on('end', out.end);
  child.stderr?.on('data', err.data).on('end', err.end);
  const exited = once(child, 'exit');
  const closed = Promise.all([once(child.stdout!, 'close'), once(child.stderr!, 'close')]);
  const running = () => child.exitCode === null && child.signalCode === null;
  const started: ServiceProcess = {
    service,
    url: `http://127.0.0.1:${port}`,
    lines: () => lines,
    running,
    stop: async () => {
      if (running()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await closed;
    },
  };
  const probe = service === 'gateway' ? '/health/live' : '/health/ready';
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      if ((await fetch(`${started.url}${probe}`)).status === 200) return started;
    } catch {
      // not listening yet
    }
    if (!running()) throw new Error(`${service} exited while starting:\n${lines.slice(-40).join('\n')}`);
    if (Date.now() > deadline) {
      await started.stop();
      throw new Error(`${service} not ready after ${READY_TIMEOUT_MS} ms:\n${lines.slice(-40).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
