import { randomUUID } from 'node:crypto';

/**
 * The environment a service gets in an integration test: the run's real Kafka and FerretDB (set
 * by the global set-up), its own database and consumer group so parallel test files never share
 * state, and the test key pair's public half.
 */
export function testServiceEnv(service: string, publicKeyPem: string, extra: Record<string, string> = {}) {
  const brokers = process.env.KAFKA_BROKERS;
  const mongoUri = process.env.MONGODB_URI;
  if (!brokers || !mongoUri) throw new Error('KAFKA_BROKERS and MONGODB_URI are set by the integration global set-up');
  const unique = randomUUID().slice(0, 8);
  return {
    env: {
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      MONGODB_URI: mongoUri,
      MONGODB_DB: `test-${service}-${unique}`,
      KAFKA_BROKERS: brokers,
      AUTH_JWT_PUBLIC_KEY: publicKeyPem,
      OUTBOX_POLL_MS: '200',
      ...extra,
    } as Record<string, string>,
    kafkaGroupId: `test-${service}-${unique}`,
  };
}
