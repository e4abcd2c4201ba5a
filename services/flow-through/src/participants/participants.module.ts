import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { OutboxRelay } from '@stapsteen/messaging';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../organisations/application/organisation-directory';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AlertsModule } from '../alerts/alerts.module';
import { ALERT_REPOSITORY, AlertRepository } from '../alerts/application/alert-repository';
import { RecordAlertCauseHandler } from '../alerts/application/record-alert-cause';
import { CLOCK, Clock, clockFromEnvironment } from '../shared/clock';
import { KeyedLock } from '@stapsteen/concurrency';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { FlowThroughConfig } from '../config/flow-through.config';
import { ChangeTrajectoryHandler } from './application/change-trajectory';
import { CheckDueAlertsHandler } from './application/check-due-alerts';
import { ALERT_RULES_REPOSITORY, AlertRulesRepository, AlertRulesService } from './application/alert-rules-service';
import { MongoAlertRules } from './infrastructure/mongo-alert-rules';
import { AlertRulesController } from './interface/alert-rules.controller';
import { DueTasksQueries } from './application/due-tasks';
import { DUE_TASKS_STORE, DueTasksStore } from './application/due-tasks-store';
import { DEFAULT_DUE_ALERT_POLICY, DueAlertPolicy } from './domain/due-alerts';
import { MongoDueTasksStore } from './infrastructure/mongo-due-tasks-store';
import { DueTasksController } from './interface/due-tasks.controller';
import { EnrolParticipantHandler } from './application/enrol-participant';
import { FollowUpsHandler } from './application/follow-ups';
import { PlansHandler } from './application/plans';
import { EvaluationsHandler } from './application/evaluations';
import { ParticipantLifecycle } from './application/participant-lifecycle';
import { PARTICIPANTS_COLLECTION, ParticipantWriter } from './application/participant-writer';
import { PARTICIPANT_REPOSITORY, ParticipantRepository } from './application/participant-repository';
import { MongoParticipantRepository } from './infrastructure/mongo-participant-repository';
import { FollowUpController } from './interface/follow-up.controller';
import { PlanController } from './interface/plan.controller';
import { EvaluationController } from './interface/evaluation.controller';
import { ParticipantsController } from './interface/participants.controller';
import { TrajectoryController } from './interface/trajectory.controller';

/** Anonymises participants whose retention period has passed, on a timer. */
@Injectable()
class RetentionTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly lifecycle: ParticipantLifecycle,
    @Inject(SERVICE_CONFIG) private readonly config: FlowThroughConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.lifecycle
        .anonymiseExpired()
        .then((count) => count && this.logger.log({ count }, 'anonymised participants past retention'))
        .catch((error) => this.logger.error({ err: error }, 'retention check failed'));
    }, this.config.RETENTION_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/**
 * Runs the due checks of the participants whose check day came, on a timer (`ALERT_DUE_CHECK_MS`,
 * 0: off), and is what every participant write calls afterwards. A failed check never fails the
 * write that was stored: it is logged, and the participant's next write or check day tries again.
 */
@Injectable()
export class DueAlertChecks implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DueAlerts');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly checks: CheckDueAlertsHandler,
    @Inject(SERVICE_CONFIG) private readonly config: FlowThroughConfig,
    private readonly rules: AlertRulesService,
  ) {}

  onModuleInit(): void {
    // After the answer to the save: a failure here is logged, and the scheduled check days still come.
    this.rules.onChanged((organisationId) => {
      this.checks
        .checkOrganisation(organisationId)
        .then((result) => this.logger.log({ organisationId, ...result }, 'due alerts checked after new alert rules'))
        .catch((error) => this.logger.error({ err: error, organisationId }, 'checks after new alert rules failed'));
    });
  }

  async afterWrite(participantId: string): Promise<void> {
    try {
      await this.checks.check(participantId);
    } catch (error) {
      this.logger.error({ err: error, participantId }, 'due alert check after a write failed');
    }
  }

  /** One run of the timer: the participants scheduled up to today. */
  async runScheduled(): Promise<{ checked: number; failed: number }> {
    const result = await this.checks.runScheduled();
    if (result.checked || result.failed) this.logger.log(result, 'due alert checks ran');
    return result;
  }

  onApplicationBootstrap(): void {
    if (this.config.ALERT_DUE_CHECK_MS === 0) return;
    this.timer = setInterval(() => {
      this.runScheduled().catch((error) => this.logger.error({ err: error }, 'due alert checks failed'));
    }, this.config.ALERT_DUE_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/** How long an organisation's alert rules are remembered; another instance's save shows within it. */
const ALERT_RULES_CACHE_MS = 60_000;

const dueAlertPolicyOf = (config: FlowThroughConfig): DueAlertPolicy => ({
  ...DEFAULT_DUE_ALERT_POLICY,
  evaluationIntervalMonths: config.EVALUATION_INTERVAL_MONTHS,
  followUp: { immediateWindowDays: config.FOLLOW_UP_IMMEDIATE_WINDOW_DAYS },
});

@Module({
  imports: [OrganisationsModule, AlertsModule],
  controllers: [
    ParticipantsController,
    TrajectoryController,
    FollowUpController,
    PlanController,
    EvaluationController,
    DueTasksController,
    AlertRulesController,
  ],
  providers: [
    { provide: CLOCK, useFactory: () => clockFromEnvironment() },
    { provide: PARTICIPANT_REPOSITORY, useClass: MongoParticipantRepository },
    { provide: DUE_TASKS_STORE, useClass: MongoDueTasksStore },
    { provide: ALERT_RULES_REPOSITORY, useClass: MongoAlertRules },
    {
      provide: AlertRulesService,
      useFactory: (settings: AlertRulesRepository, organisations: OrganisationDirectory, clock: Clock) =>
        new AlertRulesService(
          settings,
          organisations,
          clock,
          {
            endingWithinDays: DEFAULT_DUE_ALERT_POLICY.endingWithinDays,
            evaluationWithinDays: DEFAULT_DUE_ALERT_POLICY.evaluationWithinDays,
          },
          ALERT_RULES_CACHE_MS,
        ),
      inject: [ALERT_RULES_REPOSITORY, ORGANISATION_DIRECTORY, CLOCK],
    },
    {
      provide: CheckDueAlertsHandler,
      useFactory: (
        participants: ParticipantRepository,
        alerts: AlertRepository,
        causes: RecordAlertCauseHandler,
        tasks: DueTasksStore,
        clock: Clock,
        config: FlowThroughConfig,
        lock: KeyedLock,
        rules: AlertRulesService,
      ) =>
        new CheckDueAlertsHandler(
          participants,
          alerts,
          causes,
          tasks,
          clock,
          dueAlertPolicyOf(config),
          (key, work) => lock.run(key, work),
          rules,
        ),
      inject: [
        PARTICIPANT_REPOSITORY,
        ALERT_REPOSITORY,
        RecordAlertCauseHandler,
        DUE_TASKS_STORE,
        CLOCK,
        SERVICE_CONFIG,
        KeyedLock,
        AlertRulesService,
      ],
    },
    DueAlertChecks,
    {
      provide: DueTasksQueries,
      useFactory: (tasks: DueTasksStore, organisations: OrganisationDirectory, clock: Clock) =>
        new DueTasksQueries(tasks, organisations, clock),
      inject: [DUE_TASKS_STORE, ORGANISATION_DIRECTORY, CLOCK],
    },
    {
      provide: EnrolParticipantHandler,
      useFactory: (
        participants: ParticipantRepository,
        organisations: OrganisationDirectory,
        clock: Clock,
        relay: OutboxRelay,
        due: DueAlertChecks,
        alerts: AlertRepository,
      ) =>
        new EnrolParticipantHandler(
          participants,
          organisations,
          clock,
          (id) => relay.nudge({ collection: PARTICIPANTS_COLLECTION, id }),
          async (participant) => {
            await alerts.ensure({
              participantId: participant.id,
              organisationId: participant.organisationId,
              regionId: participant.regionId,
            });
            await due.afterWrite(participant.id);
          },
        ),
      inject: [PARTICIPANT_REPOSITORY, ORGANISATION_DIRECTORY, CLOCK, OutboxRelay, DueAlertChecks, ALERT_REPOSITORY],
    },
    {
      provide: ParticipantWriter,
      useFactory: (participants: ParticipantRepository, relay: OutboxRelay, lock: KeyedLock, due: DueAlertChecks) =>
        new ParticipantWriter(
          participants,
          (key, work) => lock.run(key, work),
          (id) => relay.nudge({ collection: PARTICIPANTS_COLLECTION, id }),
          (id) => due.afterWrite(id),
        ),
      inject: [PARTICIPANT_REPOSITORY, OutboxRelay, KeyedLock, DueAlertChecks],
    },
    {
      provide: ChangeTrajectoryHandler,
      useFactory: (writer: ParticipantWriter, clock: Clock, config: FlowThroughConfig) =>
        new ChangeTrajectoryHandler(writer, clock, {
          maxMonths: config.TRAJECTORY_MAX_MONTHS,
          positiveDestinations: config.POSITIVE_OUTFLOW_DESTINATIONS,
        }),
      inject: [ParticipantWriter, CLOCK, SERVICE_CONFIG],
    },
    {
      provide: ParticipantLifecycle,
      useFactory: (
        writer: ParticipantWriter,
        participants: ParticipantRepository,
        clock: Clock,
        config: FlowThroughConfig,
      ) => new ParticipantLifecycle(writer, participants, clock, config.RETENTION_YEARS),
      inject: [ParticipantWriter, PARTICIPANT_REPOSITORY, CLOCK, SERVICE_CONFIG],
    },
    {
      provide: FollowUpsHandler,
      useFactory: (
        writer: ParticipantWriter,
        participants: ParticipantRepository,
        clock: Clock,
        config: FlowThroughConfig,
      ) =>
        new FollowUpsHandler(writer, participants, clock, {
          immediateWindowDays: config.FOLLOW_UP_IMMEDIATE_WINDOW_DAYS,
        }),
      inject: [ParticipantWriter, PARTICIPANT_REPOSITORY, CLOCK, SERVICE_CONFIG],
    },
    {
      provide: PlansHandler,
      useFactory: (
        writer: ParticipantWriter,
        participants: ParticipantRepository,
        organisations: OrganisationDirectory,
        clock: Clock,
      ) => new PlansHandler(writer, participants, organisations, clock),
      inject: [ParticipantWriter, PARTICIPANT_REPOSITORY, ORGANISATION_DIRECTORY, CLOCK],
    },
    {
      provide: EvaluationsHandler,
      useFactory: (
        writer: ParticipantWriter,
        participants: ParticipantRepository,
        clock: Clock,
        config: FlowThroughConfig,
      ) => new EvaluationsHandler(writer, participants, clock, config.EVALUATION_INTERVAL_MONTHS),
      inject: [ParticipantWriter, PARTICIPANT_REPOSITORY, CLOCK, SERVICE_CONFIG],
    },
    RetentionTimer,
  ],
})
export class ParticipantsModule {}
