import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { AuthModule } from '@stapsteen/auth';
import {
  AGGREGATE_CLAIMS_COLLECTION,
  ClaimCollection,
  KeyedLock,
  VersionClaims,
  WRITE_GUARD,
  WriteGuard,
  sweepOldClaims,
} from '@stapsteen/concurrency';
import type { Connection } from 'mongoose';
import type { CommonServiceConfig } from '@stapsteen/config';
import { KafkaReadiness, MessagingModule, OutboxRelay } from '@stapsteen/messaging';
import { HealthModule, LoggingModule, MetricsModule } from '@stapsteen/observability';
import { claimedRemovals } from './claimed-removal';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export interface ServiceCoreOptions<C extends CommonServiceConfig> {
  /** e.g. 'hours'; names the logs, the Kafka client and the default consumer group. */
  service: string;
  config: C;
  /** Collections whose documents embed an outbox the relay must publish. */
  outboxCollections?: string[];
  /** Overrides the consumer group, e.g. to give each test its own. */
  kafkaGroupId?: string;
  /**
   * Collections whose every write claims its version step (ADR 18); the outbox relay's removal
   * of published events from their documents is then a claimed write too.
   */
  claimedCollections?: string[];
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
    const claimed = new Set(options.claimedCollections ?? []);
    return {
      module: ServiceCoreModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ service: options.service, level: config.LOG_LEVEL, pretty: false }),
        MongooseModule.forRoot(config.MONGODB_URI, {
          dbName: config.MONGODB_DB,
          // A database that is down answers 503 within this, never a hang (tests/faults).
          serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
          // Calls go to the driver, which waits for a server only as long as the line above says,
          // instead of queueing in Mongoose for 10 s while the connection is down.
          bufferCommands: false,
        }),
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
          useFactory: async (connection: Connection, relay: OutboxRelay): Promise<WriteGuard> => {
            const atomicConditions = !(await isFerretDb(connection));
            const claims = connection.db!.collection(AGGREGATE_CLAIMS_COLLECTION);
            // Each instance deletes day-old claims once an hour (no TTL index: FerretDB v1 has none).
            setInterval(() => void sweepOldClaims(claims).catch(() => undefined), CLAIM_SWEEP_MS).unref();
            const guard: WriteGuard = {
              lock,
              atomicConditions,
              claims: new VersionClaims(claims as unknown as ClaimCollection, {
                enabled: config.VERSION_CLAIMS !== 'off',
              }),
            };
            if (claimed.size > 0) {
              const removals = claimedRemovals(guard, claimed);
              relay.removePublishedWith(removals.one, removals.many);
            }
            return guard;
          },
          inject: [getConnectionToken(), OutboxRelay],
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

const CLAIM_SWEEP_MS = 60 * 60 * 1000;

/** FerretDB answers buildInfo with its own version next to the MongoDB version it emulates. */
async function isFerretDb(connection: Connection): Promise<boolean> {
  await connection.asPromise();
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string' || typeof info.ferretdb === 'object';
}
