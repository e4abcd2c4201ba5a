import { Module } from '@nestjs/common';
import { OutboxRelay } from '@stapsteen/messaging';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../organisations/application/organisation-directory';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CLOCK, Clock, systemClock } from '../shared/clock';
import { KeyedLock } from '@stapsteen/concurrency';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { FlowThroughConfig } from '../config/flow-through.config';
import { ChangeTrajectoryHandler } from './application/change-trajectory';
import { EnrolParticipantHandler } from './application/enrol-participant';
import { PARTICIPANT_REPOSITORY, ParticipantRepository } from './application/participant-repository';
import { MongoParticipantRepository } from './infrastructure/mongo-participant-repository';
import { ParticipantsController } from './interface/participants.controller';
import { TrajectoryController } from './interface/trajectory.controller';

@Module({
  imports: [OrganisationsModule],
  controllers: [ParticipantsController, TrajectoryController],
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
      ) => new EnrolParticipantHandler(participants, organisations, clock, () => relay.nudge()),
      inject: [PARTICIPANT_REPOSITORY, ORGANISATION_DIRECTORY, CLOCK, OutboxRelay],
    },
    {
      provide: ChangeTrajectoryHandler,
      useFactory: (
        participants: ParticipantRepository,
        clock: Clock,
        relay: OutboxRelay,
        config: FlowThroughConfig,
        lock: KeyedLock,
      ) =>
        new ChangeTrajectoryHandler(
          participants,
          clock,
          { maxMonths: config.TRAJECTORY_MAX_MONTHS, positiveDestinations: config.POSITIVE_OUTFLOW_DESTINATIONS },
          () => relay.nudge(),
          (key, work) => lock.run(key, work),
        ),
      inject: [PARTICIPANT_REPOSITORY, CLOCK, OutboxRelay, SERVICE_CONFIG, KeyedLock],
    },
  ],
})
export class ParticipantsModule {}
