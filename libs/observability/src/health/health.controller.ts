import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import { Public } from '@stapsteen/auth';
import { READINESS_CHECKS, ReadinessCheck } from './readiness';

const CHECK_TIMEOUT_MS = 2000;

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @InjectConnection() private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[] = [],
  ) {}

  /** The process is up; orchestrators restart it when this fails. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The database and the broker answer; traffic is routed here only then. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      // A real round trip to the service's own database: Terminus's Mongoose check only reads the
      // connection's state, which stays "connected" while FerretDB is up and its PostgreSQL is not
      // (FerretDB answers this ping only when its back end does).
      async () => {
        const indicator = this.indicators.check('database');
        try {
          await withTimeout(this.connection.db!.command({ ping: 1 }), CHECK_TIMEOUT_MS);
          return indicator.up();
        } catch {
          // The driver's or FerretDB's text may name hosts and source files: not for a public endpoint.
          return indicator.down({ message: 'the database does not answer' });
        }
      },
      ...(this.checks ?? []).map((readiness) => async () => {
        const indicator = this.indicators.check(readiness.name);
        try {
          return indicator.up(await withTimeout(readiness.check(), CHECK_TIMEOUT_MS));
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    ]);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
