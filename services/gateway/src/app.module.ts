import { DynamicModule, INestApplication, Module, Logger as NestLogger } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AuthModule, TokenVerifier } from '@stapsteen/auth';
import {
  HealthModule,
  LoggingModule,
  MetricsModule,
  ProblemDetailsFilter,
  ProblemDetailsView,
  correlationMiddleware,
  createRequestValidationPipe,
  jsonBodyParser,
  REQUEST_RULES,
} from '@stapsteen/observability';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import type { Connection } from 'mongoose';
import { Logger } from 'nestjs-pino';
import { AccountsService } from './accounts/application/accounts.service';
import { ColleagueNamesService } from './accounts/application/colleague-names.service';
import { Argon2Hasher, JoseTokenSigner } from './accounts/infrastructure/crypto';
import { PasswordLinksService } from './accounts/application/password-links.service';
import { HttpVisibleOrganisations } from './accounts/infrastructure/http-visible-organisations';
import { LoggingMailPort } from './accounts/infrastructure/logging-mail';
import {
  MongoPasswordLinkStore,
  MongoSessionStore,
  MongoThrottleStore,
  MongoUserStore,
} from './accounts/infrastructure/mongo-stores';
import { AuthController } from './accounts/interface/auth.controller';
import type { CookieSettings } from './accounts/interface/cookies';
import { CsrfGuard } from './accounts/interface/csrf.guard';
import { ACCOUNTS_PURGE_EVERY_MS, AccountsPurge } from './accounts/interface/accounts-purge';
import { ColleaguesController } from './accounts/interface/colleagues.controller';
import { ACCOUNTS, COLLEAGUE_NAMES, COOKIE_SETTINGS, PASSWORD_LINKS } from './accounts/interface/tokens';
import { UsersController } from './accounts/interface/users.controller';
import { ClockController } from './clock/clock.controller';
import type { GatewayConfig } from './config/gateway.config';
import { DOWNSTREAM_SERVICES, LandingController } from './landing/landing.controller';
import type { DownstreamService } from './landing/service-status';
import { serviceProxies } from './proxy/service-proxy';
import { webApp } from './web/web-app';

export { GatewayConfig } from './config/gateway.config';

function downstream(config: GatewayConfig): DownstreamService[] {
  return [
    { name: 'flow-through', label: 'Doorstroom (deelnemers, trajecten, signalen)', url: config.FLOW_THROUGH_URL },
    { name: 'hours', label: 'Uren (prestaties, plafonds, maandafsluiting)', url: config.HOURS_URL },
    { name: 'coaching', label: 'Coaching (competenties, begeleiding)', url: config.COACHING_URL },
  ];
}

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: 'gateway', level: config.LOG_LEVEL }),
        MongooseModule.forRoot(config.MONGODB_URI, {
          dbName: config.MONGODB_DB,
          // A database that is down answers 503 within this, never a hang (tests/faults).
          serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
          // Calls go to the driver, which waits for a server only as long as the line above says,
          // instead of queueing in Mongoose for 10 s while the connection is down.
          bufferCommands: false,
        }),
        AuthModule.forRoot({
          publicKeyPem: config.AUTH_JWT_PUBLIC_KEY,
          issuer: config.AUTH_JWT_ISSUER,
          audience: config.AUTH_JWT_AUDIENCE,
        }),
        HealthModule.forRoot(),
        MetricsModule,
      ],
      controllers: [LandingController, ClockController, AuthController, UsersController, ColleaguesController],
      providers: [
        { provide: DOWNSTREAM_SERVICES, useValue: downstream(config) },
        { provide: ACCOUNTS_PURGE_EVERY_MS, useValue: config.GATEWAY_PURGE_MS },
        AccountsPurge,
        // Runs after the access-token guard from AuthModule (registration order).
        { provide: APP_GUARD, useClass: CsrfGuard },
        {
          provide: COOKIE_SETTINGS,
          useValue: {
            secure: config.NODE_ENV === 'production',
            accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
            refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
          } satisfies CookieSettings,
        },
        {
          provide: ACCOUNTS,
          inject: [getConnectionToken()],
          useFactory: (connection: Connection) =>
            new AccountsService(
              new MongoUserStore(connection),
              new MongoSessionStore(connection),
              new MongoThrottleStore(connection),
              new Argon2Hasher(),
              new JoseTokenSigner({
                privateKeyPem: config.AUTH_JWT_PRIVATE_KEY,
                issuer: config.AUTH_JWT_ISSUER,
                audience: config.AUTH_JWT_AUDIENCE,
                ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
              }),
              () => Date.now(),
              {
                refreshTtlMs: config.REFRESH_TOKEN_TTL_SECONDS * 1000,
                refreshGraceMs: config.REFRESH_GRACE_SECONDS * 1000,
              },
            ),
        },
        {
          provide: COLLEAGUE_NAMES,
          inject: [getConnectionToken()],
          useFactory: (connection: Connection) =>
            new ColleagueNamesService(
              new MongoUserStore(connection),
              new HttpVisibleOrganisations(config.FLOW_THROUGH_URL),
            ),
        },
        {
          provide: PASSWORD_LINKS,
          inject: [getConnectionToken()],
          useFactory: (connection: Connection) => {
            const mailLog = new NestLogger('Mail');
            return new PasswordLinksService(
              new MongoUserStore(connection),
              new MongoPasswordLinkStore(connection),
              new MongoThrottleStore(connection),
              new Argon2Hasher(),
              new LoggingMailPort((line) => mailLog.log(line)),
              () => Date.now(),
              {
                lifetimes: {
                  invitationMs: config.PASSWORD_INVITATION_TTL_HOURS * 3600_000,
                  resetMs: config.PASSWORD_RESET_TTL_MINUTES * 60_000,
                },
              },
            );
          },
        },
      ],
    };
  }
}

/** Content-Security-Policy for the web app: only our own scripts, styles and API. */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/** Express's `trust proxy` from GATEWAY_TRUST_PROXY: nothing by default, a hop count, or names/subnets. */
export function trustProxy(setting: string): boolean | number | string[] {
  if (setting === '') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting.split(',');
}

/**
 * The gateway's OpenAPI document, served at /docs-json. Needs only the app's modules, not their
 * instances (scripts/generate-web-client.ts builds it from an app in preview mode).
 */
export function gatewayDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Stapsteen gateway')
      .setDescription(
        'Sign-in, users and the web app’s API. `/api/flow-through/*`, `/api/hours/*` and `/api/coaching/*` ' +
          `are proxied to the services (see their own /docs).\n\n${REQUEST_RULES}`,
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addCookieAuth('stapsteen_at')
      .addSecurityRequirements('bearer')
      .build(),
    { extraModels: [ProblemDetailsView] },
  );
}

/**
 * Builds the gateway, initialised but not listening (main.ts listens; tests use getHttpServer()).
 * Order matters: the proxy comes before any body parser so request bodies stream through.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.set('trust proxy', trustProxy(config.GATEWAY_TRUST_PROXY));
  app.useLogger(app.get(Logger));
  app.use(correlationMiddleware);
  const strict = helmet({ contentSecurityPolicy: { useDefaults: true, directives: CSP_DIRECTIVES } });
  // Swagger UI needs inline styles/scripts of its own; it gets helmet without the app's CSP.
  const docs = helmet({ contentSecurityPolicy: false });
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) =>
    /^\/docs(\/|-json|$)/.test(request.path) ? docs(request, response, next) : strict(request, response, next),
  );
  app.use(cookieParser());
  const verifier = app.get(TokenVerifier);
  for (const [path, handlers] of serviceProxies(downstream(config), verifier)) app.use(path, ...handlers);
  app.use(...jsonBodyParser());
  app.use(...webApp(config.WEB_DIST_DIR));
  app.useGlobalPipes(createRequestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, gatewayDocument(app), { jsonDocumentUrl: 'docs-json' });
  await app.init();
  const created = await app
    .get<AccountsService>(ACCOUNTS)
    .bootstrapAdmin(config.GATEWAY_BOOTSTRAP_ADMIN_EMAIL, config.GATEWAY_BOOTSTRAP_ADMIN_PASSWORD);
  if (created) app.get(Logger).log('created the bootstrap admin from GATEWAY_BOOTSTRAP_ADMIN_EMAIL', 'Bootstrap');
  return app;
}
