import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '@stapsteen/messaging';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../organisations/application/organisation-directory';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CLOCK, Clock, systemClock } from '../shared/clock';
import { KeyedLock } from '@stapsteen/concurrency';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { FlowThroughConfig } from '../config/flow-through.config';
import { ChangeTrajectoryHandler } from './application/change-trajectory';
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

@Module({
  imports: [OrganisationsModule],
  controllers: [ParticipantsController, TrajectoryController, FollowUpController, PlanController, EvaluationController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: PARTICIPANT_REPOSITORY, useClass: MongoParticipantRepository },
    {
      provide: EnrolParticipantHandler,
      useFactory: (
        participants: ParticipantRepository,
        organisations: OrganisationDirectory,
        clock: Clock,
        relay: OutboxRelay,
      ) =>
        new EnrolParticipantHandler(participants, organisations, clock, (id) =>
          relay.nudge({ collection: PARTICIPANTS_COLLECTION, id }),
        ),
      inject: [PARTICIPANT_REPOSITORY, ORGANISATION_DIRECTORY, CLOCK, OutboxRelay],
    },
    {
      provide: ParticipantWriter,
      useFactory: (participants: ParticipantRepository, relay: OutboxRelay, lock: KeyedLock) =>
        new ParticipantWriter(
          participants,
          (key, work) => lock.run(key, work),
          (id) => relay.nudge({ collection: PARTICIPANTS_COLLECTION, id }),
        ),
      inject: [PARTICIPANT_REPOSITORY, OutboxRelay, KeyedLock],
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
