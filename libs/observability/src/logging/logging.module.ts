import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { CORRELATION_HEADER, correlation } from './correlation';

export interface LoggingOptions {
  service: string;
  level: string;
  pretty?: boolean;
}

/**
 * JSON logs with the correlation id on every line. Request and response bodies and the headers
 * that carry credentials are never logged: the data is about vulnerable people.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.service },
            messageKey: 'message',
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
            formatters: { level: (label: string) => ({ level: label }) },
            mixin: () => {
              const id = correlation.current();
              return id ? { correlationId: id } : {};
            },
            // The correlation middleware runs first and has set the id; reuse it.
            genReqId: (req: IncomingMessage & { id?: unknown }) =>
              typeof req.id === 'string' ? req.id : correlation.fromIncoming(req.headers[CORRELATION_HEADER]),
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: stripQuery(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: {
              ignore: (req: IncomingMessage & { originalUrl?: string }) => isProbe(req.originalUrl ?? req.url),
            },
            transport: options.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
          forRoutes: ['*path'],
        }),
      ],
    };
  }
}

function stripQuery(url: string): string {
  // Query strings may hold search terms such as names; the path is enough to trace a request.
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}

function isProbe(url: string | undefined): boolean {
  return url === '/health/live' || url === '/health/ready' || url === '/metrics';
}
