import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { KeyedLock } from '@stapsteen/concurrency';
import { OutboxRelay } from '@stapsteen/messaging';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import { ASSESSMENT_REPOSITORY, AssessmentRepository } from '../assessments/application/assessment-service';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AssignmentSummaries } from '../assignments/application/assignment-summaries';
import { OneOnOneService } from '../assignments/application/one-on-one-service';
import { AssignmentsModule } from '../assignments/assignments.module';
import type { CoachingConfig } from '../config/coaching.config';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { CLOCK, Clock } from '../shared/application/clock';
import { PARTICIPANT_CHANGES, ParticipantChanges } from '../shared/application/participant-changes';
import { SharedModule } from '../shared/shared.module';
import { GAP_REPOSITORY, GapRepository, GapService } from './application/gap-service';
import { GAP_SETTINGS_REPOSITORY, GapSettingsRepository, GapSettingsService } from './application/gap-settings-service';
import { MongoGapSettings } from './infrastructure/mongo-gap-settings';
import { MongoGaps } from './infrastructure/mongo-gaps';
import { GapSettingsController } from './interface/gap-settings.controller';
import { GapsController } from './interface/gaps.controller';

/** How long an organisation's windows are remembered; another instance's save shows within it. */
const GAP_SETTINGS_CACHE_MS = 60_000;

const settingsLogger = new Logger('CoachingGapSettings');

/**
 * Evaluates a participant's gaps whenever something about them changed, and everyone's on a timer
 * for the rules that open by time passing; a failed round is logged and tried again next time.
 */
@Injectable()
class GapTriggers implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CoachingGaps');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(GapService) private readonly gaps: GapService,
    @Inject(PARTICIPANT_CHANGES) private readonly changes: ParticipantChanges,
    @Inject(ASSESSMENT_REPOSITORY) private readonly assessments: AssessmentRepository,
    @Inject(PARTICIPANT_ROSTER) private readonly roster: ParticipantRoster,
    @Inject(SERVICE_CONFIG) private readonly config: CoachingConfig,
    @Inject(OneOnOneService) private readonly oneOnOnes: OneOnOneService,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe(async (ids) => {
      // Right to erasure: the assessments' notes go with the participant.
      for (const id of ids) {
        if (!(await this.roster.isErased(id))) continue;
        await this.assessments.deleteForParticipant(id);
        await this.oneOnOnes.eraseNotesOf(id);
      }
      await this.gaps.evaluate(ids);
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.gaps.evaluateAll().catch((error) => this.logger.error({ err: error }, 'periodic gap evaluation failed'));
    }, this.config.COACHING_GAP_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

@Module({
  imports: [SharedModule, ParticipantsModule, AssessmentsModule, AssignmentsModule],
  controllers: [GapsController, GapSettingsController],
  providers: [
    { provide: GAP_REPOSITORY, useClass: MongoGaps },
    { provide: GAP_SETTINGS_REPOSITORY, useClass: MongoGapSettings },
    {
      provide: GapSettingsService,
      useFactory: (
        settings: GapSettingsRepository,
        clock: Clock,
        config: CoachingConfig,
        roster: ParticipantRoster,
        changes: ParticipantChanges,
      ) =>
        new GapSettingsService(
          settings,
          clock,
          {
            baselineDueDays: config.COACHING_BASELINE_DUE_DAYS,
            unaddressedDays: config.COACHING_UNADDRESSED_DAYS,
            stalledDays: config.COACHING_STALLED_DAYS,
          },
          GAP_SETTINGS_CACHE_MS,
          // After the answer: a failure here is logged, and the periodic evaluation catches up.
          (organisationId) =>
            void roster
              .list({ organisationIds: [organisationId] })
              .then((entries) => changes.touched(entries.map((entry) => entry.participantId)))
              .catch((error) => settingsLogger.error({ err: error }, 're-evaluating gaps after new windows failed')),
        ),
      inject: [GAP_SETTINGS_REPOSITORY, CLOCK, SERVICE_CONFIG, PARTICIPANT_ROSTER, PARTICIPANT_CHANGES],
    },
    {
      provide: GapService,
      useFactory: (
        gaps: GapRepository,
        roster: ParticipantRoster,
        assessments: AssessmentRepository,
        assignments: AssignmentSummaries,
        clock: Clock,
        policies: GapSettingsService,
        lock: KeyedLock,
        relay: OutboxRelay,
      ) =>
        new GapService(
          gaps,
          roster,
          assessments,
          assignments,
          clock,
          policies,
          (key, work) => lock.run(key, work),
          () => relay.nudge(),
        ),
      inject: [
        GAP_REPOSITORY,
        PARTICIPANT_ROSTER,
        ASSESSMENT_REPOSITORY,
        AssignmentSummaries,
        CLOCK,
        GapSettingsService,
        KeyedLock,
        OutboxRelay,
      ],
    },
    GapTriggers,
  ],
})
export class GapsModule {}
