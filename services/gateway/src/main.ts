import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@stapsteen/config';
import { ProblemDetailsFilter, correlationMiddleware, createRequestValidationPipe } from '@stapsteen/observability';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';

async function main(): Promise<void> {
  const config = loadConfig(GatewayConfig);
  const app = await NestFactory.create(AppModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.use(correlationMiddleware);
  app.useGlobalPipes(createRequestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Stapsteen gateway')
      .setDescription('Sign-in and the web app’s API.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.listen(config.PORT, '0.0.0.0');
}

main().catch((error: unknown) => {
  // Before the logger exists (e.g. invalid configuration) stderr is the only place to say why.
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
