import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import {
  CoachingGapClosedV1,
  CoachingGapDetectedV1,
  EventEnvelope,
  ParticipantLowHoursClearedV1,
  ParticipantLowHoursFlaggedV1,
  TOPICS,
} from '@stapsteen/contracts';
import { KafkaEventHandler } from '@stapsteen/messaging';
import { KpiProjector } from '../../kpis/application/kpi-projector';
import { RecordAlertCauseHandler } from '../application/record-alert-cause';

/**
 * Turns the hours and coaching services' reports into alerts. Other event types on these topics
 * are none of the alerts' business and are skipped (validated, then ignored). The transport allows
 * one handler per topic, so every envelope is also handed to the KPI read models.
 */
@Controller()
export class AlertCauseConsumer {
  constructor(
    private readonly handler: KafkaEventHandler,
    private readonly causes: RecordAlertCauseHandler,
    private readonly kpis: KpiProjector,
  ) {}

  @EventPattern(TOPICS.hours)
  async onHoursEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, async (envelope) => {
      await this.applyHours(envelope);
      await this.kpis.apply(envelope);
    });
  }

  @EventPattern(TOPICS.coaching)
  async onCoachingEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.handler.handle(payload, context, async (envelope) => {
      await this.applyCoaching(envelope);
      await this.kpis.apply(envelope);
    });
  }

  private async applyHours(envelope: EventEnvelope<unknown>): Promise<void> {
    if (envelope.type === 'participant.low-hours-flagged') {
      const data = envelope.data as ParticipantLowHoursFlaggedV1;
      await this.causes.raise(envelope.eventId, {
        participantId: data.participantId,
        organisationId: data.organisationId,
        regionId: data.regionId,
        kind: 'LOW_HOURS',
        severity: data.severity,
        facts: {
          month: data.month,
          countedHours: data.countedHours,
          targetHours: data.targetHours,
          consecutiveMonthsBelow: data.consecutiveMonthsBelow,
          fallingTrend: data.fallingTrend,
        },
      });
    } else if (envelope.type === 'participant.low-hours-cleared') {
      const data = envelope.data as ParticipantLowHoursClearedV1;
      await this.causes.clear(envelope.eventId, { participantId: data.participantId, kind: 'LOW_HOURS' });
    }
  }

  private async applyCoaching(envelope: EventEnvelope<unknown>): Promise<void> {
    if (envelope.type === 'coaching.gap-detected') {
      const data = envelope.data as CoachingGapDetectedV1;
      await this.causes.raise(envelope.eventId, {
        participantId: data.participantId,
        organisationId: data.organisationId,
        regionId: data.regionId,
        kind: 'COACHING_GAP',
        // The domain sets a coaching gap's severity from the number of gaps open.
        severity: 'MEDIUM',
        gapId: data.gapId,
        facts: { reasonCode: data.reasonCode, openedOn: data.openedOn },
      });
    } else if (envelope.type === 'coaching.gap-closed') {
      const data = envelope.data as CoachingGapClosedV1;
      await this.causes.clear(envelope.eventId, {
        participantId: data.participantId,
        kind: 'COACHING_GAP',
        gapId: data.gapId,
      });
    }
  }
}
