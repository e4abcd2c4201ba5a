import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { TOPICS } from '@stapsteen/contracts';
import { KafkaEventHandler } from '@stapsteen/messaging';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../application/participant-roster';

@Controller()
export class ParticipantEventsConsumer {
  constructor(
    private readonly handler: KafkaEventHandler,
    @Inject(PARTICIPANT_ROSTER) private readonly roster: ParticipantRoster,
  ) {}

  @EventPattern(TOPICS.participants)
  async onParticipantEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, async (envelope) => {
      await this.roster.apply(envelope);
    });
  }

  @EventPattern(TOPICS.trajectories)
  async onTrajectoryEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, async (envelope) => {
      await this.roster.apply(envelope);
    });
  }
}
