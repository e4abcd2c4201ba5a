import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@stapsteen/service-kit';
import { AssessmentsModule } from './assessments/assessments.module';
import { ASSESSMENTS_COLLECTION } from './assessments/infrastructure/mongo-assessments';
import { AssignmentsModule } from './assignments/assignments.module';
import {
  GROUP_SESSIONS_COLLECTION,
  ONE_ON_ONES_COLLECTION,
  PEER_COACHES_COLLECTION,
} from './assignments/infrastructure/mongo-assignments';
import { CompetenciesModule } from './competencies/competencies.module';
import { CoachingConfig } from './config/coaching.config';
import { EffectivenessModule } from './effectiveness/effectiveness.module';
import { GapsModule } from './gaps/gaps.module';
import { GAPS_COLLECTION } from './gaps/infrastructure/mongo-gaps';
import { ParticipantsModule } from './participants/participants.module';
import { SuggestionsModule } from './suggestions/suggestions.module';

export const COACHING_SERVICE = {
  service: 'coaching',
  title: 'Stapsteen coaching service',
  description: 'Generic competencies, assessments, group / 1-on-1 / peer coaching and coaching-gap detection.',
  outboxCollections: [
    ASSESSMENTS_COLLECTION,
    GROUP_SESSIONS_COLLECTION,
    ONE_ON_ONES_COLLECTION,
    PEER_COACHES_COLLECTION,
    GAPS_COLLECTION,
  ],
};

@Module({})
export class AppModule {
  static register(config: CoachingConfig, overrides: { kafkaGroupId?: string } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          ...COACHING_SERVICE,
          config,
          kafkaGroupId: overrides.kafkaGroupId,
          // Written through VersionedCollection, so every step is claimed (ADR 18).
          claimedCollections: [
            GROUP_SESSIONS_COLLECTION,
            ONE_ON_ONES_COLLECTION,
            PEER_COACHES_COLLECTION,
            GAPS_COLLECTION,
          ],
        }),
        ParticipantsModule,
        CompetenciesModule,
        AssessmentsModule,
        AssignmentsModule,
        GapsModule,
        SuggestionsModule,
        EffectivenessModule,
      ],
    };
  }
}

/** How tests boot this service: the same module and bootstrap as production. */
export const COACHING_SERVICE_FOR_TESTS = {
  meta: COACHING_SERVICE,
  config: CoachingConfig,
  module: (config: CoachingConfig, overrides: { kafkaGroupId: string }) => AppModule.register(config, overrides),
};
