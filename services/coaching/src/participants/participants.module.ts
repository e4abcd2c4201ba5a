import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { PARTICIPANT_ROSTER } from './application/participant-roster';
import { MongoParticipantRoster } from './infrastructure/mongo-participant-roster';
import { ParticipantEventsConsumer } from './interface/participant-events.consumer';
import { RosterController } from './interface/roster.controller';

@Module({
  imports: [SharedModule],
  controllers: [RosterController, ParticipantEventsConsumer],
  providers: [{ provide: PARTICIPANT_ROSTER, useClass: MongoParticipantRoster }],
  exports: [PARTICIPANT_ROSTER],
})
export class ParticipantsModule {}
