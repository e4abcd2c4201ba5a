import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { OUTBOX_PUBLISHER, OutboxBacklog, OutboxPublisher } from '@stapsteen/messaging';
import type { Connection } from 'mongoose';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { HoursConfig } from '../config/hours.config';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { PARTICIPANT_YEAR_REPOSITORY, ParticipantYearRepository } from '../prestations/application/ports';
import { PrestationsModule } from '../prestations/prestations.module';
import { CLOCK, Clock } from '../shared/brussels-time';
import { AllowanceExport } from './application/allowance-export';
import { AutoCloseMonths } from './application/auto-close';
import { CloseMonthHandler } from './application/close-month';
import {
  CLOSE_YEARS,
  CloseYears,
  MONTH_CLOSE_REPOSITORY,
  MonthCloseRepository,
  TARGET_SETTINGS,
  TargetSettings,
} from './application/ports';
import { MONTH_CLOSE_EVENTS_COLLECTION } from './infrastructure/close-event-chunks';
import { MongoCloseYears } from './infrastructure/mongo-close-years';
import { MONTH_CLOSES_COLLECTION, MongoMonthCloses, MongoTargetSettings } from './infrastructure/mongo-month-closes';
import { MonthCloseEventsRelay } from './infrastructure/month-close-events-relay';
import { MonthCloseController } from './interface/month-close.controller';

/** Runs the automatic close on a timer; a failed round is logged and tried again next time. */
@Injectable()
class AutoCloseTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AutoCloseMonths');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly autoClose: AutoCloseMonths,
    @Inject(SERVICE_CONFIG) private readonly config: HoursConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.autoClose
        .closeDueMonths()
        .then((closed) => closed.length && this.logger.log({ organisations: closed.length }, 'closed due months'))
        .catch((error) => this.logger.error({ err: error }, 'automatic month close failed'));
    }, this.config.HOURS_AUTO_CLOSE_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/**
 * Before the service answers: lists in the ledgers every close they miss (a process that died
 * between the close and its ledger entry, or closes stored before the ledgers existed).
 */
@Injectable()
class MonthCloseLedgerRepair implements OnApplicationBootstrap {
  private readonly logger = new Logger('MonthCloseLedger');

  constructor(private readonly closes: MongoMonthCloses) {}

  async onApplicationBootstrap(): Promise<void> {
    const added = await this.closes.reconcileLedgers();
    if (added > 0) this.logger.warn({ months: added }, 'closed months added to the ledgers');
  }
}

/** A closer that has not decided within this long after it began writing its event drafts is dead (ADR 25). */
const CLOSE_DRAFT_LEASE_MS = 10 * 60_000;

/** Publishes the events of decided closes from their chunks, and removes undecided drafts (ADR 25). */
@Injectable()
class MonthCloseEventsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly relay: MonthCloseEventsRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({
  imports: [ParticipantsModule, PrestationsModule],
  controllers: [MonthCloseController],
  providers: [
    MongoMonthCloses,
    { provide: MONTH_CLOSE_REPOSITORY, useExisting: MongoMonthCloses },
    MonthCloseLedgerRepair,
    {
      provide: MonthCloseEventsRelay,
      useFactory: (connection: Connection, publisher: OutboxPublisher, config: HoursConfig, backlog: OutboxBacklog) => {
        const logger = new Logger('MonthCloseEvents');
        return new MonthCloseEventsRelay(
          connection.collection(MONTH_CLOSES_COLLECTION),
          connection.collection(MONTH_CLOSE_EVENTS_COLLECTION),
          publisher,
          {
            pollIntervalMs: config.OUTBOX_POLL_MS,
            leaseMs: CLOSE_DRAFT_LEASE_MS,
            backlog,
            onError: (error) => logger.warn({ err: error }, 'publishing month-close events failed; will retry'),
          },
        );
      },
      inject: [getConnectionToken(), OUTBOX_PUBLISHER, SERVICE_CONFIG, OutboxBacklog],
    },
    MonthCloseEventsLifecycle,
    MongoTargetSettings,
    { provide: TARGET_SETTINGS, useExisting: MongoTargetSettings },
    { provide: CLOSE_YEARS, useClass: MongoCloseYears },
    {
      provide: CloseMonthHandler,
      useFactory: (
        closes: MonthCloseRepository,
        years: ParticipantYearRepository,
        roster: ParticipantRoster,
        targets: TargetSettings,
        clock: Clock,
        config: HoursConfig,
        relay: MonthCloseEventsRelay,
        closeYears: CloseYears,
      ) =>
        new CloseMonthHandler(
          closes,
          years,
          roster,
          targets,
          clock,
          {
            centsPerCountedHour: config.HOURS_ALLOWANCE_CENTS_PER_HOUR,
            centsPerKilometre: config.HOURS_KM_ALLOWANCE_CENTS,
            kilometreThreshold: config.HOURS_KM_THRESHOLD,
          },
          (id) => relay.nudge(id),
          closeYears,
        ),
      inject: [
        MONTH_CLOSE_REPOSITORY,
        PARTICIPANT_YEAR_REPOSITORY,
        PARTICIPANT_ROSTER,
        TARGET_SETTINGS,
        CLOCK,
        SERVICE_CONFIG,
        MonthCloseEventsRelay,
        CLOSE_YEARS,
      ],
    },
    {
      provide: AutoCloseMonths,
      useFactory: (
        handler: CloseMonthHandler,
        closes: MonthCloseRepository,
        roster: ParticipantRoster,
        clock: Clock,
        config: HoursConfig,
      ) => new AutoCloseMonths(handler, closes, roster, clock, config.HOURS_AUTO_CLOSE_AFTER_DAYS),
      inject: [CloseMonthHandler, MONTH_CLOSE_REPOSITORY, PARTICIPANT_ROSTER, CLOCK, SERVICE_CONFIG],
    },
    {
      provide: AllowanceExport,
      useFactory: (
        closes: MonthCloseRepository,
        years: ParticipantYearRepository,
        roster: ParticipantRoster,
        config: HoursConfig,
      ) =>
        new AllowanceExport(closes, years, roster, {
          centsPerCountedHour: config.HOURS_ALLOWANCE_CENTS_PER_HOUR,
          centsPerKilometre: config.HOURS_KM_ALLOWANCE_CENTS,
          kilometreThreshold: config.HOURS_KM_THRESHOLD,
        }),
      inject: [MONTH_CLOSE_REPOSITORY, PARTICIPANT_YEAR_REPOSITORY, PARTICIPANT_ROSTER, SERVICE_CONFIG],
    },
    AutoCloseTimer,
  ],
})
export class MonthCloseModule {}
