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
