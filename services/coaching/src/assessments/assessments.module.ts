import { Module } from '@nestjs/common';
import { OutboxRelay } from '@stapsteen/messaging';
import { CatalogueService } from '../competencies/application/catalogue-service';
import { CompetenciesModule } from '../competencies/competencies.module';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { CLOCK, Clock } from '../shared/application/clock';
import { PARTICIPANT_CHANGES, ParticipantChanges } from '../shared/application/participant-changes';
import { SharedModule } from '../shared/shared.module';
import { ASSESSMENT_REPOSITORY, AssessmentRepository, AssessmentService } from './application/assessment-service';
import { MongoAssessments } from './infrastructure/mongo-assessments';
import { AssessmentsController } from './interface/assessments.controller';

@Module({
  imports: [SharedModule, ParticipantsModule, CompetenciesModule],
  controllers: [AssessmentsController],
  providers: [
    { provide: ASSESSMENT_REPOSITORY, useClass: MongoAssessments },
    {
      provide: AssessmentService,
      useFactory: (
        assessments: AssessmentRepository,
        roster: ParticipantRoster,
        catalogues: CatalogueService,
        clock: Clock,
        changes: ParticipantChanges,
        relay: OutboxRelay,
      ) => new AssessmentService(assessments, roster, catalogues, clock, changes, () => relay.nudge()),
      inject: [ASSESSMENT_REPOSITORY, PARTICIPANT_ROSTER, CatalogueService, CLOCK, PARTICIPANT_CHANGES, OutboxRelay],
    },
  ],
  exports: [ASSESSMENT_REPOSITORY, AssessmentService],
})
export class AssessmentsModule {}
