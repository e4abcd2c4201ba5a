import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { ALL_TOPICS } from '@stapsteen/contracts';
import {
  METRICS_REGISTRY,
  MetricsModule,
  ReadinessCheck,
  consumerMetrics,
  outboxMetrics,
} from '@stapsteen/observability';
import { Admin, Kafka, Partitioners, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import { EventConsumer } from './consumer/event-consumer';
import type { RetryPolicy } from './consumer/retry-policy';
import { KafkaDeadLetterPublisher } from './kafka/kafka-dead-letter-publisher';
import { ensureTopics } from './kafka/ensure-topics';
import { KafkaConnection, kafkaClientConfig } from './kafka/kafka-options';
import { KafkaOutboxPublisher } from './kafka/kafka-outbox-publisher';
import { KafkaEventHandler } from './kafka/nest-kafka-consumer';
import { OutboxBacklog } from './outbox/outbox-backlog';
import { OutboxCollection, OutboxRelay } from './outbox/outbox-relay';

export interface MessagingOptions {
  connection: KafkaConnection;
  /** Collections whose documents embed an `outbox` array. */
  outboxCollections: string[];
  outboxPollIntervalMs: number;
  partitionsPerTopic?: number;
  /** The per-aggregate lock the service's writers use; see OutboxRelayOptions.serialize. */
  serialize?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  /** Retries of a consumed event whose failure may pass, before it is dead-lettered (default: DEFAULT_RETRY_POLICY). */
  consumerRetry?: RetryPolicy;
}

const OPTIONS = Symbol('MESSAGING_OPTIONS');
const KAFKA = Symbol('KAFKA');
const PRODUCER = Symbol('KAFKA_PRODUCER');
const ADMIN = Symbol('KAFKA_ADMIN');
/** The relay's publisher, for a service that keeps events outside an `outbox` array (hours' month-close chunks, ADR 25). */
export const OUTBOX_PUBLISHER = Symbol('OUTBOX_PUBLISHER');

/**
 * Connects the producer and creates our topics before consumers subscribe; stops in order: the
 * event consumer's retries first (before the Kafka transport's disconnect waits for the message in
 * hand), then the relay, then the producer.
 */
@Injectable()
export class MessagingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger('Messaging');

  constructor(
    @Inject(OPTIONS) private readonly options: MessagingOptions,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(ADMIN) private readonly admin: Admin,
    private readonly relay: OutboxRelay,
    private readonly events: EventConsumer,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    const created = await ensureTopics(
      this.admin,
      ALL_TOPICS.map((topic) => ({ topic, numPartitions: this.options.partitionsPerTopic ?? 3 })),
    );
    if (created) this.logger.log(`created the Kafka topics`);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  onModuleDestroy(): void {
    this.events.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

/** Readiness: the broker answers a metadata request. */
@Injectable()
export class KafkaReadiness implements ReadinessCheck {
  readonly name = 'kafka';

  constructor(@Inject(ADMIN) private readonly admin: Admin) {}

  async check(): Promise<Record<string, unknown>> {
    const cluster = await this.admin.describeCluster();
    return { brokers: cluster.brokers.length };
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [MetricsModule],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: KAFKA, useFactory: () => new Kafka(kafkaClientConfig(options.connection)) },
        {
          provide: PRODUCER,
          useFactory: (kafka: Kafka) =>
            kafka.producer({
              idempotent: true,
              maxInFlightRequests: 1,
              createPartitioner: Partitioners.DefaultPartitioner,
            }),
          inject: [KAFKA],
        },
        { provide: ADMIN, useFactory: (kafka: Kafka) => kafka.admin(), inject: [KAFKA] },
        {
          provide: OUTBOX_PUBLISHER,
          useFactory: (producer: Producer) => new KafkaOutboxPublisher(producer),
          inject: [PRODUCER],
        },
        {
          // What the relays have not yet published, on /metrics (read at scrape, no query).
          provide: OutboxBacklog,
          useFactory: (registry: Registry) => {
            const backlog = new OutboxBacklog();
            outboxMetrics(registry, () => backlog.figures());
            return backlog;
          },
          inject: [METRICS_REGISTRY],
        },
        {
          provide: OutboxRelay,
          useFactory: (producer: Producer, connection: Connection, backlog: OutboxBacklog) => {
            const logger = new Logger('OutboxRelay');
            const collections = options.outboxCollections.map(
              (name) => connection.collection(name) as unknown as OutboxCollection,
            );
            return new OutboxRelay(collections, new KafkaOutboxPublisher(producer), {
              pollIntervalMs: options.outboxPollIntervalMs,
              serialize: options.serialize,
              backlog,
              onError: (error) => logger.warn({ err: error }, 'publishing the outbox failed; will retry'),
            });
          },
          inject: [PRODUCER, getConnectionToken(), OutboxBacklog],
        },
        {
          provide: EventConsumer,
          useFactory: (producer: Producer, registry: Registry) => {
            const logger = new Logger('EventConsumer');
            const metrics = consumerMetrics(registry);
            return new EventConsumer(new KafkaDeadLetterPublisher(producer), {
              retry: options.consumerRetry,
              log: (entry, message) => logger.warn(entry, message),
              onDeadLetter: (topic, cause) => metrics.deadLetters.inc({ topic, cause }),
              onRetry: (topic) => metrics.retries.inc({ topic }),
            });
          },
          inject: [PRODUCER, METRICS_REGISTRY],
        },
        KafkaEventHandler,
        KafkaReadiness,
        MessagingLifecycle,
      ],
      exports: [OutboxRelay, OutboxBacklog, OUTBOX_PUBLISHER, EventConsumer, KafkaEventHandler, KafkaReadiness],
    };
  }
}
