import { Module } from '@nestjs/common';
import { OutboxRelay } from '@stapsteen/messaging';
import { MONTH_CLOSE_REPOSITORY, MonthCloseRepository } from '../month-close/application/ports';
import { MongoMonthCloses } from '../month-close/infrastructure/mongo-month-closes';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { PrestationsModule } from '../prestations/prestations.module';
import { CLOCK, Clock } from '../shared/brussels-time';
import { BARRIER_REPOSITORY, BarrierRepository, BarrierService } from './application/record-barriers';
import { BARRIERS_COLLECTION, MongoBarriers } from './infrastructure/mongo-barriers';
import { BarriersController } from './interface/barriers.controller';

@Module({
  imports: [ParticipantsModule, PrestationsModule],
  controllers: [BarriersController],
  providers: [
    { provide: BARRIER_REPOSITORY, useClass: MongoBarriers },
    { provide: MONTH_CLOSE_REPOSITORY, useClass: MongoMonthCloses },
    {
      provide: BarrierService,
      useFactory: (
        barriers: BarrierRepository,
        roster: ParticipantRoster,
        closes: MonthCloseRepository,
        clock: Clock,
        relay: OutboxRelay,
      ) =>
        new BarrierService(barriers, roster, closes, clock, (id) =>
          relay.nudge({ collection: BARRIERS_COLLECTION, id }),
        ),
      inject: [BARRIER_REPOSITORY, PARTICIPANT_ROSTER, MONTH_CLOSE_REPOSITORY, CLOCK, OutboxRelay],
    },
  ],
})
export class BarriersModule {}
