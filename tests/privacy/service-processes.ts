import { launchService, startGroupAtTopicEnds, testServiceEnv } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { serviceMain } from '../support/service-main-args';

export type ServiceName = 'gateway' | 'flow-through' | 'hours' | 'coaching';

export interface ServiceProcess {
  service: ServiceName;
  url: string;
  /** Every line the process wrote to stdout and stderr so far, in order. */
  lines(): string[];
  running(): boolean;
  stop(): Promise<void>;
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
  const { env } = testServiceEnv(service, publicKeyPem, extraEnv);
  const kafkaGroupId = `test-privacy-${service}-${randomUUID().slice(0, 8)}`;
  if (service !== 'gateway') await startGroupAtTopicEnds(kafkaGroupId);
  const main = serviceMain(service, kafkaGroupId);
  const started = await launchService({
    name: service,
    nodeArgs: main.nodeArgs,
    env: { ...env, ...main.env },
    readyPath: service === 'gateway' ? '/health/live' : '/health/ready',
    readyTimeoutMs: 180_000,
  });
  return { service, url: started.url, lines: started.lines, running: started.running, stop: started.stop };
}
