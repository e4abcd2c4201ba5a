import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { EventEnvelope, TOPICS } from '@stapsteen/contracts';
import { KafkaEventHandler } from '@stapsteen/messaging';
import { PARTICIPANT_CHANGES, ParticipantChanges } from '../../shared/application/participant-changes';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../application/participant-roster';

/**
 * Participants and trajectories from flow-through, low-hours flags from hours. Only an event that
 * changed the roster re-evaluates the participant's gaps, so a redelivery changes nothing.
 */
@Controller()
export class ParticipantEventsConsumer {
  constructor(
    private readonly handler: KafkaEventHandler,
    @Inject(PARTICIPANT_ROSTER) private readonly roster: ParticipantRoster,
    @Inject(PARTICIPANT_CHANGES) private readonly changes: ParticipantChanges,
  ) {}

  @EventPattern(TOPICS.participants)
  async onParticipantEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.apply(envelope));
  }

  @EventPattern(TOPICS.trajectories)
  async onTrajectoryEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.apply(envelope));
  }

  @EventPattern(TOPICS.hours)
  async onHoursEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, (envelope) => this.apply(envelope));
  }

  private async apply(envelope: EventEnvelope<unknown>): Promise<void> {
    if (await this.roster.apply(envelope)) await this.changes.touched([envelope.participantId]);
  }
}
