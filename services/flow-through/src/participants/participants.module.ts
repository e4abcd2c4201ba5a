import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CLOCK, clockFromEnvironment } from '../shared/clock';
import { ALERT_RULES_REPOSITORY } from './application/alert-rules-service';
import { DUE_TASKS_STORE } from './application/due-tasks-store';
import { PARTICIPANT_REPOSITORY } from './application/participant-repository';
import { MongoAlertRules } from './infrastructure/mongo-alert-rules';
import { MongoDueTasksStore } from './infrastructure/mongo-due-tasks-store';
import { MongoParticipantRepository } from './infrastructure/mongo-participant-repository';
import { AlertRulesController } from './interface/alert-rules.controller';
import { DueTasksController } from './interface/due-tasks.controller';
import { EvaluationController } from './interface/evaluation.controller';
import { FollowUpController } from './interface/follow-up.controller';
import { ParticipantsController } from './interface/participants.controller';
import { PlanController } from './interface/plan.controller';
import { TrajectoryController } from './interface/trajectory.controller';
import { participantUseCases } from './participants.providers';
import { DueAlertChecks } from './scheduling/due-alert-checks';
import { DueAlertTimer } from './scheduling/due-alert-timer';
import { RetentionTimer } from './scheduling/retention-timer';

/**
 * Participants: the ports' adapters, the use cases (one named factory each, in
 * `participants.providers.ts`) and the scheduled work (`scheduling/`).
 */
@Module({
  imports: [OrganisationsModule, AlertsModule],
  controllers: [
    ParticipantsController,
    TrajectoryController,
    FollowUpController,
    PlanController,
    EvaluationController,
    DueTasksController,
    AlertRulesController,
  ],
  providers: [
    { provide: CLOCK, useFactory: () => clockFromEnvironment() },
    { provide: PARTICIPANT_REPOSITORY, useClass: MongoParticipantRepository },
    { provide: DUE_TASKS_STORE, useClass: MongoDueTasksStore },
    { provide: ALERT_RULES_REPOSITORY, useClass: MongoAlertRules },
    ...participantUseCases,
    DueAlertChecks,
    DueAlertTimer,
    RetentionTimer,
  ],
})
export class ParticipantsModule {}
