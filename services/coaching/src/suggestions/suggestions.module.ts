import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import {
  ASSESSMENT_REPOSITORY,
  AssessmentRepository,
  AssessmentService,
} from '../assessments/application/assessment-service';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AssignmentSummaries } from '../assignments/application/assignment-summaries';
import { AssignmentsModule } from '../assignments/assignments.module';
import { CatalogueService } from '../competencies/application/catalogue-service';
import { CompetenciesModule } from '../competencies/competencies.module';
import type { CoachingConfig } from '../config/coaching.config';
import { SuggestionService } from './application/suggestion-service';
import { DEFAULT_SUGGESTION_POLICY } from './domain/modality-suggestions';
import { SuggestionsController } from './interface/suggestions.controller';

@Module({
  imports: [CompetenciesModule, AssessmentsModule, AssignmentsModule],
  controllers: [SuggestionsController],
  providers: [
    {
      provide: SuggestionService,
      useFactory: (
        assessmentService: AssessmentService,
        assessments: AssessmentRepository,
        assignments: AssignmentSummaries,
        catalogues: CatalogueService,
        config: CoachingConfig,
      ) =>
        new SuggestionService(assessmentService, assessments, assignments, catalogues, {
          ...DEFAULT_SUGGESTION_POLICY,
          groupSharePercent: config.COACHING_GROUP_SHARE_PERCENT,
          groupMinParticipants: config.COACHING_GROUP_MIN_PARTICIPANTS,
        }),
      inject: [AssessmentService, ASSESSMENT_REPOSITORY, AssignmentSummaries, CatalogueService, SERVICE_CONFIG],
    },
  ],
})
export class SuggestionsModule {}
