import 'reflect-metadata';
import { loadConfig } from '@stapsteen/config';
import { runService } from '@stapsteen/service-kit';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

/**
 * One replica of a service in its own process, booted by the production bootstrap (`runService`),
 * for the replica tests: `REPLICA_SERVICE` names the service, `REPLICA_KAFKA_GROUP_ID` the
 * consumer group all replicas of one test share (as a deployment's replicas do), the rest of the
 * configuration comes from the environment as in production.
 */
async function main(): Promise<void> {
  const service = process.env.REPLICA_SERVICE;
  const kafkaGroupId = process.env.REPLICA_KAFKA_GROUP_ID;
  if (!kafkaGroupId) throw new Error('REPLICA_KAFKA_GROUP_ID is not set');
  if (service === 'hours') {
    const config = loadConfig(HOURS_SERVICE_FOR_TESTS.config);
    await runService(HOURS_SERVICE_FOR_TESTS.module(config, { kafkaGroupId }), {
      ...HOURS_SERVICE_FOR_TESTS.meta,
      config,
      kafkaGroupId,
    });
  } else if (service === 'coaching') {
    const config = loadConfig(COACHING_SERVICE_FOR_TESTS.config);
    await runService(COACHING_SERVICE_FOR_TESTS.module(config, { kafkaGroupId }), {
      ...COACHING_SERVICE_FOR_TESTS.meta,
      config,
      kafkaGroupId,
    });
  } else if (service === 'flow-through') {
    const config = loadConfig(FLOW_THROUGH_SERVICE_FOR_TESTS.config);
    await runService(FLOW_THROUGH_SERVICE_FOR_TESTS.module(config, { kafkaGroupId }), {
      ...FLOW_THROUGH_SERVICE_FOR_TESTS.meta,
      config,
      kafkaGroupId,
    });
  } else {
    throw new Error(`REPLICA_SERVICE must be hours, coaching or flow-through, not ${String(service)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`replica failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
