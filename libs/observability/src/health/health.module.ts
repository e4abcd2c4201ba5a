import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS } from './readiness';

@Module({})
export class HealthModule {
  /** `readiness` names providers (e.g. the Kafka check) that must answer before the service is ready. */
  static forRoot(options: { readiness?: InjectionToken[] } = {}): DynamicModule {
    const readiness = options.readiness ?? [];
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, useFactory: (...checks: unknown[]) => checks, inject: readiness }],
    };
  }
}
