import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TOPICS } from '@stapsteen/contracts';
import {
  ConsumerStoppingError,
  EventConsumer,
  IncomingMessage,
  KafkaConnection,
  kafkaClientConfig,
} from '@stapsteen/messaging';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { HeldNudges } from '../application/held-nudges';
import type { AlertCauseChange, RecordAlertCauseHandler } from '../application/record-alert-cause';
import { alertCauseOf } from './alert-causes';

const ALERT_TOPICS = [TOPICS.hours, TOPICS.coaching];
/**
 * Alert changes decided and written together: a Kafka batch's alert causes are cut into chunks of
 * this many. With 500, FerretDB 1.24 on PostgreSQL stopped answering in two bench runs (all 400
 * connections of its pool open and idle, not even a ping answered); with 64 the same runs went
 * through. Counted in alert causes, not messages: in a month close fewer than a third of the
 * hours topic's messages are causes (each participant's totals come first), and chunks of 64
 * messages wrote 18 alerts each on average (issue 14).
 */
const CHUNK = 64;
/** Messages validated at most before the offsets move on, also when few of them are causes. */
const MESSAGES_PER_STEP = 500;
const COORDINATOR_ATTEMPTS = 30;
/**
 * How long a stopping service waits for the batch in hand (a chunk's alert writes may wait for
 * version claims) before it leaves without it: what the batch did not write stays uncommitted and
 * is applied by the next consumer of the group, once, by event id.
 */
const DISCONNECT_WITHIN_MS = 10_000;

/**
 * Turns the hours and coaching services' reports into alerts, a Kafka batch at a time (issue 14):
 * a month close sends one flag per participant below target, and writing those one message at a
 * time cost several database round trips each. Its own consumer group (`<service group>-alerts`)
 * beside the Nest transport's, which feeds the KPI read models from the same topics.
 *
 * Each message is validated as the transport's handler does (what can never apply goes to the
 * dead-letter topic); the chunk's causes are then written with `applyMany`. If that fails, the
 * chunk is applied again one message at a time with the consumer's retries and dead letters (each
 * event is applied once, so what the batch already stored is skipped). The offsets move on only
 * after the writes.
 *
 * A new group starts where the service's group is (an upgrade from per-message alerts, or a test's
 * service started at the topics' ends), otherwise at the beginning of the topics.
 */
export class AlertCauseBatchConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertCauseBatchConsumer.name);
  private readonly kafka: Kafka;
  private readonly groupId: string;
  private consumer: Consumer | undefined;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly events: EventConsumer,
    private readonly causes: RecordAlertCauseHandler,
    /** Holds the relay's nudges while batches are in hand (absent: every write nudges at once). */
    private readonly nudges?: HeldNudges,
  ) {
    this.kafka = new Kafka(kafkaClientConfig(connection));
    this.groupId = `${connection.groupId}-alerts`;
  }

  async onApplicationBootstrap(): Promise<void> {
    // A broker just started may not have a group coordinator yet: ask again for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.startWhereTheServiceIs();
        break;
      } catch (error) {
        if (attempt >= COORDINATOR_ATTEMPTS) throw error;
        this.logger.warn({ err: error, attempt }, 'Alert consumer group positions not read yet; trying again');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.connection.sessionTimeoutMs ?? 10000,
      heartbeatInterval: this.connection.heartbeatIntervalMs ?? 1000,
      maxWaitTimeInMs: this.connection.maxWaitTimeMs ?? 200,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: ALERT_TOPICS, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatchAutoResolve: false,
      // While batches are in hand, the relay's nudges wait (HeldNudges): it competes for the database.
      eachBatch: (payload) =>
        this.nudges ? this.nudges.during(() => this.eachBatch(payload)) : this.eachBatch(payload),
    });
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    let changes: CauseOf[] = [];
    let read = 0;
    let last: string | undefined;
    const step = async () => {
      if (changes.length > 0) {
        await this.applyChanges(changes, heartbeat);
      }
      if (last !== undefined) resolveOffset(last);
      await heartbeat();
      changes = [];
      read = 0;
      last = undefined;
    };
    try {
      for (const m of batch.messages) {
        if (!isRunning() || isStale()) return;
        const message = incoming(batch.topic, batch.partition, m);
        await this.events.consume(
          message,
          async (envelope) => {
            const change = alertCauseOf(envelope);
            if (change) changes.push({ message, change });
          },
          heartbeat,
        );
        last = m.offset;
        read += 1;
        if (changes.length >= CHUNK || read >= MESSAGES_PER_STEP) await step();
      }
      if (!isRunning() || isStale()) return;
      await step();
    } catch (error) {
      if (error instanceof ConsumerStoppingError) return;
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    // The disconnect waits for the batch in hand: its retries must end first (they may be waiting
    // for a database that is away). What the batch did not write stays uncommitted.
    this.events.stop();
    const consumer = this.consumer;
    if (!consumer) return;
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      consumer.disconnect().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), DISCONNECT_WITHIN_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    if (late) {
      this.logger.warn(
        { groupId: this.groupId, withinMs: DISCONNECT_WITHIN_MS },
        'Alert consumer still busy with its batch at shutdown; leaving it uncommitted for redelivery',
      );
    }
    // What the batches stored goes to the relay now (if it has stopped already, its next start's sweep finds it).
    this.nudges?.release();
  }

  /**
   * Writes a chunk's alert changes together; if that fails, applies their events again one message
   * at a time with the consumer's retries and dead letters (each event is applied once, so what
   * the chunk already stored is skipped).
   */
  private async applyChanges(changes: CauseOf[], heartbeat: () => Promise<void>): Promise<void> {
    try {
      await this.causes.applyMany(changes.map((c) => c.change));
    } catch (error) {
      this.logger.warn({ err: error, count: changes.length }, 'Alert batch failed; applying its events one by one');
      for (const { message } of changes)
        await this.events.consume(
          message,
          async (envelope) => {
            const change = alertCauseOf(envelope);
            if (change) await this.causes.applyMany([change]);
          },
          heartbeat,
        );
    }
  }

  /** Copies the service group's positions to this group when it has none of its own. */
  private async startWhereTheServiceIs(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const own = await admin.fetchOffsets({ groupId: this.groupId, topics: ALERT_TOPICS });
      if (own.some((t) => t.partitions.some((p) => Number(p.offset) >= 0))) return;
      const service = await admin.fetchOffsets({ groupId: this.connection.groupId, topics: ALERT_TOPICS });
      for (const { topic, partitions } of service) {
        const known = partitions.filter((p) => Number(p.offset) >= 0);
        if (known.length > 0)
          await admin.setOffsets({
            groupId: this.groupId,
            topic,
            partitions: known.map(({ partition, offset }) => ({ partition, offset })),
          });
      }
    } finally {
      await admin.disconnect();
    }
  }
}

interface CauseOf {
  message: IncomingMessage;
  change: AlertCauseChange;
}

function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    headers[name] = first === undefined ? undefined : first.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    value: message.value ? message.value.toString() : null,
    headers,
  };
}
