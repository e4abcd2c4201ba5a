import {
  callJson,
  eventually,
  launchServices,
  publishParticipant,
  readTopicToEnd,
  startGroupAtTopicEnds,
  testServiceEnv,
} from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { serviceMain } from '../support/service-main-args';

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
  const main = serviceMain(service, kafkaGroupId);
  const replicas = await launchServices(
    Array.from({ length: count }, () => ({
      name: `${service} replica`,
      nodeArgs: main.nodeArgs,
      env: { ...env, ...main.env },
      keepChars: 20_000,
    })),
  );
  return replicas.map((replica) => ({
    url: replica.url,
    database: env.MONGODB_DB,
    output: replica.output,
    running: replica.running,
    stop: replica.stop,
  }));
}

/** A JSON request to one replica, as the gateway would send it. */
export async function call(
  replica: Replica,
  method: string,
  route: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const { status, body: answer } = await callJson(replica.url, method, route, token, body);
  return { status, body: answer };
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
  return (await readTopicToEnd(topic, 30_000))
    .filter((message) => message.key === key)
    .map((message) => JSON.parse(message.value || '{}'));
}
