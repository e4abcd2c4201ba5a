import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { TOPICS } from '@stapsteen/contracts';
import { KafkaEventHandler } from '@stapsteen/messaging';
import { KpiProjector } from '../../kpis/application/kpi-projector';

/**
 * The hours and coaching events for the KPI read models. The transport allows one handler per
 * topic, which is why this lives here; the alerts themselves are written from the same topics by
 * `AlertCauseBatchConsumer`, a batch at a time.
 */
@Controller()
export class AlertCauseConsumer {
  constructor(
    private readonly handler: KafkaEventHandler,
    private readonly kpis: KpiProjector,
  ) {}

  @EventPattern(TOPICS.hours)
  async onHoursEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.kpis.apply(envelope));
  }

  @EventPattern(TOPICS.coaching)
  async onCoachingEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.kpis.apply(envelope));
  }
}
