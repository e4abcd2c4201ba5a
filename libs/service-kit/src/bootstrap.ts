import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { CommonServiceConfig } from '@stapsteen/config';
import { kafkaMicroserviceOptions } from '@stapsteen/messaging';
import {
  ProblemDetailsFilter,
  ProblemDetailsView,
  correlationMiddleware,
  createRequestValidationPipe,
  jsonBodyParser,
  REQUEST_RULES,
} from '@stapsteen/observability';
import { Logger } from 'nestjs-pino';
import { ServiceCoreOptions, kafkaConnection } from './service-core.module';

export interface ServiceAppOptions<C extends CommonServiceConfig> extends ServiceCoreOptions<C> {
  title: string;
  description: string;
}

/**
 * The service's OpenAPI document, served at /docs-json. Needs only the app's modules, not their
 * instances: scripts/generate-web-client.ts builds it from an app created in preview mode, which
 * connects to nothing.
 */
export function serviceDocument(
  app: INestApplication,
  options: Pick<ServiceAppOptions<CommonServiceConfig>, 'title' | 'description'>,
): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(`${options.description}\n\n${REQUEST_RULES}`)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
    { extraModels: [ProblemDetailsView] },
  );
}

/**
 * Builds a service as a hybrid app (HTTP + Kafka consumer) with everything configured but not yet
 * listening; tests call this too, so they exercise exactly what production runs.
 */
export async function createServiceApp<C extends CommonServiceConfig>(
  rootModule: Type<unknown> | DynamicModule,
  options: ServiceAppOptions<C>,
): Promise<INestApplication> {
  // Nest's own body parsers are off: the shared JSON parser refuses prototype keys and answers
  // malformed JSON with a stable code (the gateway mounts the same one).
  const app = await NestFactory.create(rootModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(correlationMiddleware);
  app.use(...jsonBodyParser());
  app.useGlobalPipes(createRequestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, serviceDocument(app, options), { jsonDocumentUrl: 'docs-json' });
  app.connectMicroservice(kafkaMicroserviceOptions(kafkaConnection(options)));
  await app.init();
  await app.startAllMicroservices();
  return app;
}

export async function runService<C extends CommonServiceConfig>(
  rootModule: Type<unknown> | DynamicModule,
  options: ServiceAppOptions<C>,
): Promise<INestApplication> {
  const app = await createServiceApp(rootModule, options);
  // The loopback interface unless HOST says otherwise (CommonServiceConfig): only the gateway is
  // meant to be reached from outside.
  await app.listen(options.config.PORT, options.config.HOST);
  return app;
}
