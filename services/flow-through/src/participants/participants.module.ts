import { Module } from '@nestjs/common';
import { OutboxRelay } from '@stapsteen/messaging';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../organisations/application/organisation-directory';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CLOCK, Clock, systemClock } from '../shared/clock';
import { EnrolParticipantHandler } from './application/enrol-participant';
import { PARTICIPANT_REPOSITORY, ParticipantRepository } from './application/participant-repository';
import { MongoParticipantRepository } from './infrastructure/mongo-participant-repository';
import { ParticipantsController } from './interface/participants.controller';

@Module({
  imports: [OrganisationsModule],
  controllers: [ParticipantsController],
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
  ],
})
export class ParticipantsModule {}
