import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@stapsteen/service-kit';
import { CoachingConfig } from './config/coaching.config';

export const COACHING_SERVICE = {
  service: 'coaching',
  title: 'Stapsteen coaching service',
  description: 'Generic competencies, assessments, group / 1-on-1 / peer coaching and coaching-gap detection.',
  outboxCollections: [] as string[],
};

@Module({})
export class AppModule {
  static register(config: CoachingConfig, overrides: { kafkaGroupId?: string } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ ...COACHING_SERVICE, config, kafkaGroupId: overrides.kafkaGroupId })],
    };
  }
}

/** How tests boot this service: the same module and bootstrap as production. */
export const COACHING_SERVICE_FOR_TESTS = {
  meta: COACHING_SERVICE,
  config: CoachingConfig,
  module: (config: CoachingConfig, overrides: { kafkaGroupId: string }) => AppModule.register(config, overrides),
};
