import path from 'node:path';

/**
 * What `launchService` (@stapsteen/testing) needs to run `service` through tests/support/service-main.ts
 * from the TypeScript sources: the Node arguments, and the variables naming the service and its
 * consumer group (the gateway has none).
 */
export function serviceMain(
  service: 'gateway' | 'flow-through' | 'hours' | 'coaching',
  kafkaGroupId = '',
): { nodeArgs: string[]; env: Record<string, string> } {
  return {
    nodeArgs: ['-r', '@swc-node/register', path.join(__dirname, 'service-main.ts')],
    env: { TEST_SERVICE_NAME: service, TEST_SERVICE_KAFKA_GROUP_ID: kafkaGroupId },
  };
}
