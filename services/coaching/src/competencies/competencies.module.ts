import { Module } from '@nestjs/common';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { CLOCK, Clock } from '../shared/application/clock';
import { SharedModule } from '../shared/shared.module';
import { CATALOGUE_REPOSITORY, CatalogueRepository, CatalogueService } from './application/catalogue-service';
import { MongoCatalogues } from './infrastructure/mongo-catalogues';
import { CatalogueController } from './interface/catalogue.controller';

@Module({
  imports: [SharedModule, ParticipantsModule],
  controllers: [CatalogueController],
  providers: [
    { provide: CATALOGUE_REPOSITORY, useClass: MongoCatalogues },
    {
      provide: CatalogueService,
      useFactory: (catalogues: CatalogueRepository, roster: ParticipantRoster, clock: Clock) =>
        new CatalogueService(catalogues, roster, clock),
      inject: [CATALOGUE_REPOSITORY, PARTICIPANT_ROSTER, CLOCK],
    },
  ],
  exports: [CatalogueService],
})
export class CompetenciesModule {}
