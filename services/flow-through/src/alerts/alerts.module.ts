import { DynamicModule, Module, OnModuleDestroy } from '@nestjs/common';
import { KeyedLock } from '@stapsteen/concurrency';
import { EventConsumer, KafkaConnection, OutboxRelay } from '@stapsteen/messaging';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { FlowThroughConfig } from '../config/flow-through.config';
import { CLOCK, Clock, clockFromEnvironment } from '../shared/clock';
import { AlertFeed } from './application/alert-feed';
import { AlertQueries } from './application/alert-queries';
import {
  ALERT_INBOX,
  ALERT_REPOSITORY,
  AlertInbox,
  AlertRepository,
  PARTICIPANT_ALERTS_COLLECTION,
} from './application/alert-repository';
import { AlertWriter } from './application/alert-writer';
import { HeldNudges } from './application/held-nudges';
import { ManageAlertHandler } from './application/manage-alert';
import { RecordAlertCauseHandler } from './application/record-alert-cause';
import { MongoAlertInbox } from './infrastructure/mongo-alert-inbox';
import { MongoAlertRepository } from './infrastructure/mongo-alert-repository';
import { AlertCauseBatchConsumer } from './interface/alert-cause-batch.consumer';
import { AlertCauseConsumer } from './interface/alert-cause.consumer';

/**
 * The relay gets the alert writes' documents once alert batches have paused this long, or once
 * the oldest has waited the second figure (HeldNudges; issue 14, ADR 22).
 */
const RELAY_QUIET_MS = 2000;
const RELAY_MAX_HOLD_MS = 60_000;

/** The service's Kafka connection, for the alerts' own batch consumer (its group: `<group>-alerts`). */
export const ALERTS_KAFKA_CONNECTION = Symbol('ALERTS_KAFKA_CONNECTION');

/** Provides the service's Kafka connection to the alerts module (imported once, by the app module). */
export function alertsKafkaConnection(connection: KafkaConnection): DynamicModule {
  class AlertsKafkaConnectionModule {}
  return {
    module: AlertsKafkaConnectionModule,
    global: true,
    providers: [{ provide: ALERTS_KAFKA_CONNECTION, useValue: connection }],
    exports: [ALERTS_KAFKA_CONNECTION],
  };
}
import { AlertsController } from './interface/alerts.controller';

@Module({
  controllers: [AlertsController, AlertCauseConsumer],
  providers: [
    { provide: CLOCK, useFactory: () => clockFromEnvironment() },
    { provide: ALERT_REPOSITORY, useClass: MongoAlertRepository },
    MongoAlertInbox,
    { provide: ALERT_INBOX, useExisting: MongoAlertInbox },
    // One feed per application instance, so a test's second app never shares the first one's stream.
    { provide: AlertFeed, useFactory: () => new AlertFeed() },
    {
      provide: HeldNudges,
      useFactory: (relay: OutboxRelay) =>
        new HeldNudges(
          (participantId) => relay.nudge({ collection: PARTICIPANT_ALERTS_COLLECTION, id: participantId }),
          {
            quietMs: RELAY_QUIET_MS,
            maxHoldMs: RELAY_MAX_HOLD_MS,
          },
        ),
      inject: [OutboxRelay],
    },
    {
      provide: AlertWriter,
      useFactory: (alerts: AlertRepository, feed: AlertFeed, nudges: HeldNudges, lock: KeyedLock, inbox: AlertInbox) =>
        new AlertWriter(
          alerts,
          feed,
          (participantId) => nudges.stored(participantId),
          (key, work) => lock.run(key, work),
          inbox,
          (keys, work) => lock.runMany(keys, work),
        ),
      inject: [ALERT_REPOSITORY, AlertFeed, HeldNudges, KeyedLock, ALERT_INBOX],
    },
    {
      provide: RecordAlertCauseHandler,
      useFactory: (writer: AlertWriter, clock: Clock) => new RecordAlertCauseHandler(writer, clock),
      inject: [AlertWriter, CLOCK],
    },
    {
      provide: AlertCauseBatchConsumer,
      useFactory: (
        connection: KafkaConnection,
        events: EventConsumer,
        causes: RecordAlertCauseHandler,
        nudges: HeldNudges,
      ) => new AlertCauseBatchConsumer(connection, events, causes, nudges),
      inject: [ALERTS_KAFKA_CONNECTION, EventConsumer, RecordAlertCauseHandler, HeldNudges],
    },
    {
      provide: ManageAlertHandler,
      useFactory: (writer: AlertWriter, clock: Clock, config: FlowThroughConfig) =>
        new ManageAlertHandler(writer, clock, { maxSnoozeDays: config.ALERT_MAX_SNOOZE_DAYS }),
      inject: [AlertWriter, CLOCK, SERVICE_CONFIG],
    },
    {
      provide: AlertQueries,
      useFactory: (alerts: AlertRepository, clock: Clock, inbox: AlertInbox) => new AlertQueries(alerts, clock, inbox),
      inject: [ALERT_REPOSITORY, CLOCK, ALERT_INBOX],
    },
  ],
  // The participants' due checks raise and clear the time-based alerts in-process.
  exports: [RecordAlertCauseHandler, ALERT_REPOSITORY],
})
export class AlertsModule implements OnModuleDestroy {
  constructor(private readonly feed: AlertFeed) {}

  /** Ends open event streams, so the HTTP server can close. */
  onModuleDestroy(): void {
    this.feed.complete();
  }
}
