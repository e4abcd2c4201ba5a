import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '@stapsteen/auth';
import { HealthModule, LoggingModule, MetricsModule } from '@stapsteen/observability';
import type { GatewayConfig } from './config/gateway.config';
import { DOWNSTREAM_SERVICES, LandingController } from './landing/landing.controller';
import type { DownstreamService } from './landing/service-status';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    const services: DownstreamService[] = [
      { name: 'flow-through', label: 'Doorstroom (deelnemers, trajecten, signalen)', url: config.FLOW_THROUGH_URL },
      { name: 'hours', label: 'Uren (prestaties, plafonds, maandafsluiting)', url: config.HOURS_URL },
      { name: 'coaching', label: 'Coaching (competenties, begeleiding)', url: config.COACHING_URL },
    ];
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: 'gateway', level: config.LOG_LEVEL }),
        MongooseModule.forRoot(config.MONGODB_URI, { dbName: config.MONGODB_DB, serverSelectionTimeoutMS: 10000 }),
        AuthModule.forRoot({
          publicKeyPem: config.AUTH_JWT_PUBLIC_KEY,
          issuer: config.AUTH_JWT_ISSUER,
          audience: config.AUTH_JWT_AUDIENCE,
        }),
        HealthModule.forRoot(),
        MetricsModule,
      ],
      controllers: [LandingController],
      providers: [{ provide: DOWNSTREAM_SERVICES, useValue: services }],
    };
  }
}
