import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { TOPICS } from '@stapsteen/contracts';
import { KafkaEventHandler } from '@stapsteen/messaging';
import { KpiProjector } from '../application/kpi-projector';

/**
 * Feeds the KPI read models from flow-through's own topics. The hours and coaching topics are
 * consumed by the alerts' consumer (the transport allows one handler per topic), which hands
 * every envelope on to the same projector.
 */
@Controller()
export class KpiEventsConsumer {
  constructor(
    private readonly handler: KafkaEventHandler,
    private readonly projector: KpiProjector,
  ) {}

  @EventPattern(TOPICS.participants)
  async onParticipantEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.projector.apply(envelope));
  }

  @EventPattern(TOPICS.trajectories)
  async onTrajectoryEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.projector.apply(envelope));
  }

  @EventPattern(TOPICS.alerts)
  async onAlertEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.projector.apply(envelope));
  }
}
