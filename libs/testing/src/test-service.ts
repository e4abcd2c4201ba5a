import type { DynamicModule, INestApplication } from '@nestjs/common';
import { CommonServiceConfig, loadConfig } from '@stapsteen/config';
import { createServiceApp } from '@stapsteen/service-kit';
import { startGroupAtTopicEnds } from './kafka-probe';
import { testServiceEnv } from './service-env';

export interface TestServiceDefinition<C extends CommonServiceConfig> {
  meta: { service: string; title: string; description: string; outboxCollections: string[] };
  config: new () => C;
  module: (config: C, overrides: { kafkaGroupId: string }) => DynamicModule;
}

/**
 * Boots a service exactly as production does (same module, same bootstrap), against the run's
 * real Kafka and FerretDB, with its own database and consumer group.
 */
export async function startTestService<C extends CommonServiceConfig>(
  definition: TestServiceDefinition<C>,
  publicKeyPem: string,
  extraEnv: Record<string, string> = {},
  options: { replayEarlierEvents?: boolean } = {},
): Promise<INestApplication> {
  const { env, kafkaGroupId } = testServiceEnv(definition.meta.service, publicKeyPem, extraEnv);
  const config = loadConfig(definition.config, env);
  // A test's service hears the events of its own test, not the whole run's history (see
  // startGroupAtTopicEnds); a test about catching up asks for the replay.
  if (!options.replayEarlierEvents) await startGroupAtTopicEnds(kafkaGroupId);
  return createServiceApp(definition.module(config, { kafkaGroupId }), { ...definition.meta, config, kafkaGroupId });
}

/**
 * Closes the apps together and fails, naming each app that had not closed within `withinMs`,
 * instead of hanging: a close that never ends (a consumer that cannot let go of its message, a
 * connection the HTTP server waits for) would otherwise hold the test run open until CI kills it.
 * An app named here is a shutdown fault to find, not a slow test.
 */
export async function closeApps(apps: Record<string, { close(): Promise<void> }>, withinMs = 60_000): Promise<void> {
  const open = new Set(Object.keys(apps));
  const closing = Promise.all(
    Object.entries(apps).map(async ([name, app]) => {
      await app.close();
      open.delete(name);
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), withinMs);
    timer.unref();
  });
  try {
    if ((await Promise.race([closing, deadline])) === 'late') {
      throw new Error(`did not close within ${withinMs / 1000} s: ${[...open].join(', ')}`);
    }
  } finally {
    clearTimeout(timer);
  }
}
