import {
  Controller,
  Get,
  Header,
  Inject,
  Injectable,
  MiddlewareConsumer,
  Module,
  NestMiddleware,
  NestModule,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@stapsteen/auth';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** Messages a consumer sent to a dead-letter topic, by original topic and cause. */
export const DEAD_LETTERS_METRIC = 'stapsteen_dead_letters_total';
/** Retries a consumer scheduled after a failure that may pass, by topic. */
export const CONSUMER_RETRIES_METRIC = 'stapsteen_consumer_retries_total';

export interface ConsumerMetrics {
  deadLetters: Counter<'topic' | 'cause'>;
  retries: Counter<'topic'>;
}

/** The consumer counters on `registry`, created once per registry (a second call returns the same). */
export function consumerMetrics(registry: Registry): ConsumerMetrics {
  const existing = registry.getSingleMetric(DEAD_LETTERS_METRIC) as Counter<'topic' | 'cause'> | undefined;
  const existingRetries = registry.getSingleMetric(CONSUMER_RETRIES_METRIC) as Counter<'topic'> | undefined;
  return {
    deadLetters:
      existing ??
      new Counter({
        name: DEAD_LETTERS_METRIC,
        help: 'Consumed messages sent to their dead-letter topic, by original topic and cause',
        labelNames: ['topic', 'cause'],
        registers: [registry],
      }),
    retries:
      existingRetries ??
      new Counter({
        name: CONSUMER_RETRIES_METRIC,
        help: 'Retries of consumed messages after a failure that may pass, by topic',
        labelNames: ['topic'],
        registers: [registry],
      }),
  };
}

/** Age of the oldest event an outbox holds that is not yet published, by collection; 0 when none. */
export const OUTBOX_OLDEST_PENDING_METRIC = 'stapsteen_outbox_oldest_pending_seconds';
/** Events read from an outbox and not yet acknowledged by the broker, by collection. */
export const OUTBOX_PENDING_EVENTS_METRIC = 'stapsteen_outbox_pending_events';

/** One collection's figures, as the outbox relays keep them (`OutboxBacklog` in libs/messaging). */
export interface OutboxFigures {
  collection: string;
  oldestPendingSeconds: number;
  /** Absent where the relay cannot count the events without reading more. */
  pendingEvents?: number;
}

/**
 * The outbox gauges on `registry`, read from `figures` at each scrape (so `figures` must not
 * query anything). Created once per registry: a second call keeps the first source.
 */
export function outboxMetrics(registry: Registry, figures: () => OutboxFigures[]): void {
  if (registry.getSingleMetric(OUTBOX_OLDEST_PENDING_METRIC)) return;
  new Gauge({
    name: OUTBOX_OLDEST_PENDING_METRIC,
    help: 'Age in seconds of the oldest event not yet published to Kafka, by outbox collection (0 when none)',
    labelNames: ['collection'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { collection, oldestPendingSeconds } of figures()) this.set({ collection }, oldestPendingSeconds);
    },
  });
  new Gauge({
    name: OUTBOX_PENDING_EVENTS_METRIC,
    help: 'Events read from an outbox collection and not yet acknowledged by Kafka',
    labelNames: ['collection'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { collection, pendingEvents } of figures())
        if (pendingEvents !== undefined) this.set({ collection }, pendingEvents);
    },
  });
}

/**
 * The dead letters counted in a Prometheus text exposition (what `/metrics` answers): the sum over
 * topics and causes, or null when the text has no such metric (a service that consumes nothing).
 */
export function deadLettersIn(exposition: string): number | null {
  // A counter with labels that never counted shows only its HELP and TYPE lines: that is 0.
  let total: number | null = exposition.includes(`# TYPE ${DEAD_LETTERS_METRIC} counter`) ? 0 : null;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(DEAD_LETTERS_METRIC)) continue;
    const match = /^stapsteen_dead_letters_total(?:\{[^}]*\})?\s+([0-9.eE+-]+)/.exec(line);
    if (!match) continue;
    const value = Number(match[1]);
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}

@Injectable()
class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Duration of HTTP requests by route template',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.3, 1, 3, 10],
      registers: [registry],
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    res.on('finish', () => {
      // The route template, never the concrete path: ids in paths would explode the label space.
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) });
    });
    next();
  }
}

@ApiExcludeController()
@Public()
@Controller('metrics')
class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Prometheus metrics at /metrics: process defaults plus HTTP latency per route. */
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: METRICS_REGISTRY,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
  ],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
