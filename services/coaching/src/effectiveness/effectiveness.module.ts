import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import { ASSESSMENT_REPOSITORY, AssessmentRepository } from '../assessments/application/assessment-service';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AssignmentSummaries } from '../assignments/application/assignment-summaries';
import { AssignmentsModule } from '../assignments/assignments.module';
import type { CoachingConfig } from '../config/coaching.config';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { EffectivenessService } from './application/effectiveness-service';
import { EffectivenessController } from './interface/effectiveness.controller';

@Module({
  imports: [ParticipantsModule, AssessmentsModule, AssignmentsModule],
  controllers: [EffectivenessController],
  providers: [
    {
      provide: EffectivenessService,
      useFactory: (
        roster: ParticipantRoster,
        assessments: AssessmentRepository,
        assignments: AssignmentSummaries,
        config: CoachingConfig,
      ) =>
        new EffectivenessService(roster, assessments, assignments, {
          minParticipants: config.COACHING_EFFECTIVENESS_MIN_PARTICIPANTS,
        }),
      inject: [PARTICIPANT_ROSTER, ASSESSMENT_REPOSITORY, AssignmentSummaries, SERVICE_CONFIG],
    },
  ],
})
export class EffectivenessModule {}
