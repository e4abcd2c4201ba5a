import 'reflect-metadata';
import { CommonServiceConfig, loadConfig } from '@stapsteen/config';
import { runService } from '@stapsteen/service-kit';
import type { TestServiceDefinition } from '@stapsteen/testing';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { GatewayConfig, createGatewayApp } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

/**
 * One service in a process of its own, booted by the production bootstrap (`runService`; the
 * gateway as `createGatewayApp`), for the tests that need real processes (tests/replicas,
 * tests/privacy, the fault suites; started with `serviceMain` and `launchService`):
 * `TEST_SERVICE_NAME` names the service, `TEST_SERVICE_KAFKA_GROUP_ID` its consumer group (the
 * one all replicas of a test share, as a deployment's replicas do); the rest of the configuration
 * comes from the environment as in production.
 */
async function main(): Promise<void> {
  const service = process.env.TEST_SERVICE_NAME;
  if (service === 'gateway') {
    const config = loadConfig(GatewayConfig);
    const app = await createGatewayApp(config);
    await app.listen(config.PORT, '127.0.0.1');
    return;
  }
  const kafkaGroupId = process.env.TEST_SERVICE_KAFKA_GROUP_ID;
  if (!kafkaGroupId) throw new Error('TEST_SERVICE_KAFKA_GROUP_ID is not set');
  if (service === 'hours') return boot(HOURS_SERVICE_FOR_TESTS, kafkaGroupId);
  if (service === 'coaching') return boot(COACHING_SERVICE_FOR_TESTS, kafkaGroupId);
  if (service === 'flow-through') return boot(FLOW_THROUGH_SERVICE_FOR_TESTS, kafkaGroupId);
  throw new Error(`TEST_SERVICE_NAME must name one of the four services, not ${String(service)}`);
}

async function boot<C extends CommonServiceConfig>(definition: TestServiceDefinition<C>, kafkaGroupId: string) {
  const config = loadConfig(definition.config);
  await runService(definition.module(config, { kafkaGroupId }), { ...definition.meta, config, kafkaGroupId });
}

main().catch((error: unknown) => {
  process.stderr.write(`service failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
