import { Module } from '@nestjs/common';
import { KeyedLock } from '@stapsteen/concurrency';
import { OutboxRelay } from '@stapsteen/messaging';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import {
  ASSESSMENT_REPOSITORY,
  AssessmentRepository,
  AssessmentService,
} from '../assessments/application/assessment-service';
import { AssessmentsModule } from '../assessments/assessments.module';
import { CatalogueService } from '../competencies/application/catalogue-service';
import { CompetenciesModule } from '../competencies/competencies.module';
import type { CoachingConfig } from '../config/coaching.config';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { CLOCK, Clock } from '../shared/application/clock';
import { PARTICIPANT_CHANGES, ParticipantChanges } from '../shared/application/participant-changes';
import { SharedModule } from '../shared/shared.module';
import { AssignmentService } from './application/assignment-service';
import {
  GROUP_SESSION_REPOSITORY,
  GroupSessionRepository,
  ONE_ON_ONE_REPOSITORY,
  OneOnOneRepository,
  PEER_COACH_REPOSITORY,
  PeerCoachRepository,
} from './application/ports';
import { MongoGroupSessions, MongoOneOnOnes, MongoPeerCoaches } from './infrastructure/mongo-assignments';
import {
  GroupSessionsController,
  OneOnOnesController,
  PeerCoachingController,
} from './interface/assignments.controller';

@Module({
  imports: [SharedModule, ParticipantsModule, CompetenciesModule, AssessmentsModule],
  controllers: [GroupSessionsController, OneOnOnesController, PeerCoachingController],
  providers: [
    { provide: GROUP_SESSION_REPOSITORY, useClass: MongoGroupSessions },
    { provide: ONE_ON_ONE_REPOSITORY, useClass: MongoOneOnOnes },
    { provide: PEER_COACH_REPOSITORY, useClass: MongoPeerCoaches },
    {
      provide: AssignmentService,
      useFactory: (
        groups: GroupSessionRepository,
        oneOnOnes: OneOnOneRepository,
        peers: PeerCoachRepository,
        roster: ParticipantRoster,
        catalogues: CatalogueService,
        assessments: AssessmentRepository,
        assessmentService: AssessmentService,
        clock: Clock,
        changes: ParticipantChanges,
        config: CoachingConfig,
        lock: KeyedLock,
        relay: OutboxRelay,
      ) =>
        new AssignmentService(
          groups,
          oneOnOnes,
          peers,
          roster,
          catalogues,
          assessments,
          assessmentService,
          clock,
          changes,
          { maxActiveCoachees: config.COACHING_PEER_MAX_COACHEES },
          (key, work) => lock.run(key, work),
          () => relay.nudge(),
        ),
      inject: [
        GROUP_SESSION_REPOSITORY,
        ONE_ON_ONE_REPOSITORY,
        PEER_COACH_REPOSITORY,
        PARTICIPANT_ROSTER,
        CatalogueService,
        ASSESSMENT_REPOSITORY,
        AssessmentService,
        CLOCK,
        PARTICIPANT_CHANGES,
        SERVICE_CONFIG,
        KeyedLock,
        OutboxRelay,
      ],
    },
  ],
  exports: [AssignmentService],
})
export class AssignmentsModule {}
