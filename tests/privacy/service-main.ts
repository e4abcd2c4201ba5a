import 'reflect-metadata';
import { CommonServiceConfig, loadConfig } from '@stapsteen/config';
import { runService } from '@stapsteen/service-kit';
import type { TestServiceDefinition } from '@stapsteen/testing';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { GatewayConfig, createGatewayApp } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

/**
 * One service in a process of its own for the privacy test, booted by the production bootstrap, so
 * that everything it writes to stdout and stderr (pino's lines, Nest's, kafkajs', a crash) can be
 * read: `PRIVACY_SERVICE` names the service, `PRIVACY_KAFKA_GROUP_ID` its consumer group; the rest
 * of the configuration comes from the environment as in production.
 */
async function main(): Promise<void> {
  const service = process.env.PRIVACY_SERVICE;
  if (service === 'gateway') {
    const config = loadConfig(GatewayConfig);
    const app = await createGatewayApp(config);
    await app.listen(config.PORT, '127.0.0.1');
    return;
  }
  const kafkaGroupId = process.env.PRIVACY_KAFKA_GROUP_ID;
  if (!kafkaGroupId) throw new Error('PRIVACY_KAFKA_GROUP_ID is not set');
  if (service === 'hours') return boot(HOURS_SERVICE_FOR_TESTS, kafkaGroupId);
  if (service === 'coaching') return boot(COACHING_SERVICE_FOR_TESTS, kafkaGroupId);
  if (service === 'flow-through') return boot(FLOW_THROUGH_SERVICE_FOR_TESTS, kafkaGroupId);
  throw new Error(`PRIVACY_SERVICE must name one of the four services, not ${String(service)}`);
}

async function boot<C extends CommonServiceConfig>(definition: TestServiceDefinition<C>, kafkaGroupId: string) {
  const config = loadConfig(definition.config);
  await runService(definition.module(config, { kafkaGroupId }), { ...definition.meta, config, kafkaGroupId });
}

main().catch((error: unknown) => {
  process.stderr.write(`service failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
