import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@stapsteen/service-kit';
import { HoursConfig } from './config/hours.config';
import { ParticipantsModule } from './participants/participants.module';
import { BarriersModule } from './barriers/barriers.module';
import { BARRIERS_COLLECTION } from './barriers/infrastructure/mongo-barriers';
import { MONTH_CLOSES_COLLECTION } from './month-close/infrastructure/mongo-month-closes';
import { MonthCloseModule } from './month-close/month-close.module';
import { PARTICIPANT_YEARS_COLLECTION } from './prestations/application/prestation-commands';
import { PrestationsModule } from './prestations/prestations.module';

export const HOURS_SERVICE = {
  service: 'hours',
  title: 'Stapsteen hours service',
  description: 'Prestations under the 60 h/month and 630 h/year caps, month close, low-hours flags and barriers.',
  outboxCollections: [MONTH_CLOSES_COLLECTION, BARRIERS_COLLECTION],
};

@Module({})
export class AppModule {
  static register(config: HoursConfig, overrides: { kafkaGroupId?: string } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          ...HOURS_SERVICE,
          config,
          kafkaGroupId: overrides.kafkaGroupId,
          // Every write of these claims its version step (ADR 18); the relay's removals too.
          claimedCollections: [PARTICIPANT_YEARS_COLLECTION, BARRIERS_COLLECTION],
        }),
        ParticipantsModule,
        PrestationsModule,
        MonthCloseModule,
        BarriersModule,
      ],
    };
  }
}

/** How tests boot this service: the same module and bootstrap as production. */
export const HOURS_SERVICE_FOR_TESTS = {
  meta: HOURS_SERVICE,
  config: HoursConfig,
  module: (config: HoursConfig, overrides: { kafkaGroupId: string }) => AppModule.register(config, overrides),
};
