import { eventually, publishParticipant, startGroupAtTopicEnds, testServiceEnv } from '@stapsteen/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import path from 'node:path';

export interface Replica {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The database every replica of the test uses. */
  database: string;
  /** What the process printed, for a failure message. */
  output(): string;
  running(): boolean;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

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
 * Starts `count` replicas of a service, each its own Node process running the production
 * bootstrap, all against one database and one consumer group (as a deployment runs them), on the
 * run's real Kafka and FerretDB. Resolves once every replica answers `/health/ready`.
 */
export async function startReplicas(
  service: 'hours' | 'coaching' | 'flow-through',
  count: number,
  publicKeyPem: string,
  extraEnv: Record<string, string> = {},
): Promise<Replica[]> {
  const { env } = testServiceEnv(service, publicKeyPem, extraEnv);
  const kafkaGroupId = `test-replicas-${service}-${randomUUID().slice(0, 8)}`;
  await startGroupAtTopicEnds(kafkaGroupId);
  const replicas: Replica[] = [];
  try {
    for (let i = 0; i < count; i++)
      replicas.push(await startOne(service, { ...env, PORT: String(await freePort()) }, kafkaGroupId));
    await Promise.all(replicas.map((replica) => waitUntilReady(replica)));
  } catch (error) {
    await Promise.all(replicas.map((replica) => replica.stop()));
    throw error;
  }
  return replicas;
}

async function startOne(service: string, env: Record<string, string>, kafkaGroupId: string): Promise<Replica> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'replica-main.ts')],
    {
      cwd: path.join(__dirname, '..', '..'),
      env: {
        ...process.env,
        ...env,
        // The parent's jest variables would make the child think it is a test worker.
        JEST_WORKER_ID: '',
        REPLICA_SERVICE: service,
        REPLICA_KAFKA_GROUP_ID: kafkaGroupId,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  return {
    url: `http://127.0.0.1:${env.PORT}`,
    database: env.MONGODB_DB,
    output: () => printed,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(replica: Replica): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(`${replica.url}/health/ready`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (!replica.running()) throw new Error(`replica at ${replica.url} exited while starting:\n${replica.output()}`);
    if (Date.now() > deadline) {
      throw new Error(`replica at ${replica.url} not ready after ${READY_TIMEOUT_MS} ms:\n${replica.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A JSON request to one replica, as the gateway would send it. */
export async function call(
  replica: Replica,
  method: string,
  route: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${replica.url}${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * Tells the replicas about a participant with a started trajectory the way flow-through does
 * (events on the real topics); `waitForRoster` waits until they show.
 */
export function feedParticipant(participant: {
  organisationId: string;
  regionId: string;
  startedOn: string;
  coachId?: string;
}): Promise<string> {
  return publishParticipant({ ...participant, monthlyHoursTarget: 20 });
}

/** Waits until the roster the replicas share holds every one of `participantIds` with a trajectory. */
export async function waitForRoster(replica: Replica, adminToken: string, participantIds: string[]): Promise<void> {
  await eventually(
    () => call(replica, 'GET', '/participants', adminToken),
    (response) =>
      Array.isArray(response.body) &&
      participantIds.every((id) =>
        response.body.some(
          (p: { participantId: string; trajectories: unknown[] }) =>
            p.participantId === id && p.trajectories.length === 1,
        ),
      ),
    { what: `${participantIds.length} participants in the replicas' roster`, timeoutMs: 60_000 },
  );
}

/**
 * The events on `topic` keyed by `key` (a participant's id), read from the beginning up to the
 * topic's end at the time of the call: what every consumer of the topic has been told.
 */
export async function eventsOnTopic(
  topic: string,
  key: string,
): Promise<Array<{ eventId: string; type: string; data: Record<string, unknown> }>> {
  const kafka = new Kafka({
    clientId: 'test-replicas-reader',
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const pending = new Map(
    ends.filter((end) => Number(end.high) > Number(end.low)).map((end) => [end.partition, Number(end.high)]),
  );
  const found: Array<{ eventId: string; type: string; data: Record<string, unknown> }> = [];
  if (pending.size === 0) return found;
  const consumer = kafka.consumer({ groupId: `test-replicas-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic} not read to its end within 30 s`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            if (message.key?.toString() === key) found.push(JSON.parse(message.value?.toString() ?? '{}'));
            const end = pending.get(partition);
            if (end !== undefined && Number(message.offset) + 1 >= end) pending.delete(partition);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}
