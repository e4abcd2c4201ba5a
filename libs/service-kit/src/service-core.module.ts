import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { AuthModule } from '@stapsteen/auth';
import { KeyedLock, WRITE_GUARD, WriteGuard } from '@stapsteen/concurrency';
import type { Connection } from 'mongoose';
import type { CommonServiceConfig } from '@stapsteen/config';
import { KafkaReadiness, MessagingModule } from '@stapsteen/messaging';
import { HealthModule, LoggingModule, MetricsModule } from '@stapsteen/observability';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export interface ServiceCoreOptions<C extends CommonServiceConfig> {
  /** e.g. 'hours'; names the logs, the Kafka client and the default consumer group. */
  service: string;
  config: C;
  /** Collections whose documents embed an outbox the relay must publish. */
  outboxCollections?: string[];
  /** Overrides the consumer group, e.g. to give each test its own. */
  kafkaGroupId?: string;
}

/**
 * What every Stapsteen service is made of besides its own contexts: JSON logs with correlation
 * ids, its database, token verification on every route, Kafka with the outbox relay, health and
 * metrics. A service's AppModule imports this once and adds its bounded contexts.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot<C extends CommonServiceConfig>(options: ServiceCoreOptions<C>): DynamicModule {
    const { config } = options;
    const lock = new KeyedLock();
    return {
      module: ServiceCoreModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ service: options.service, level: config.LOG_LEVEL, pretty: false }),
        MongooseModule.forRoot(config.MONGODB_URI, { dbName: config.MONGODB_DB, serverSelectionTimeoutMS: 10000 }),
        AuthModule.forRoot({
          publicKeyPem: config.AUTH_JWT_PUBLIC_KEY,
          issuer: config.AUTH_JWT_ISSUER,
          audience: config.AUTH_JWT_AUDIENCE,
        }),
        MessagingModule.forRoot({
          connection: kafkaConnection(options),
          outboxCollections: options.outboxCollections ?? [],
          outboxPollIntervalMs: config.OUTBOX_POLL_MS,
          serialize: (key, work) => lock.run(key, work),
          consumerRetry: {
            maxAttempts: config.CONSUMER_RETRY_ATTEMPTS,
            baseDelayMs: config.CONSUMER_RETRY_BASE_MS,
            maxDelayMs: Math.max(config.CONSUMER_RETRY_MAX_MS, config.CONSUMER_RETRY_BASE_MS),
          },
        }),
        HealthModule.forRoot({ readiness: [KafkaReadiness] }),
        MetricsModule,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: KeyedLock, useValue: lock },
        {
          provide: WRITE_GUARD,
          useFactory: async (connection: Connection): Promise<WriteGuard> => ({
            lock,
            atomicConditions: !(await isFerretDb(connection)),
          }),
          inject: [getConnectionToken()],
        },
      ],
      exports: [SERVICE_CONFIG, KeyedLock, WRITE_GUARD],
    };
  }
}

export function kafkaConnection<C extends CommonServiceConfig>(options: ServiceCoreOptions<C>) {
  return {
    brokers: options.config.KAFKA_BROKERS,
    clientId: options.config.KAFKA_CLIENT_ID ?? `stapsteen-${options.service}`,
    groupId: options.kafkaGroupId ?? `stapsteen-${options.service}`,
  };
}

/** FerretDB answers buildInfo with its own version next to the MongoDB version it emulates. */
async function isFerretDb(connection: Connection): Promise<boolean> {
  await connection.asPromise();
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string' || typeof info.ferretdb === 'object';
}
