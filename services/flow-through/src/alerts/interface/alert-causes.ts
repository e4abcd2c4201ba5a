import {
  CoachingGapClosedV1,
  CoachingGapDetectedV1,
  EventEnvelope,
  ParticipantLowHoursClearedV1,
  ParticipantLowHoursFlaggedV1,
} from '@stapsteen/contracts';
import type { AlertCauseChange } from '../application/record-alert-cause';

/**
 * What an hours or coaching event means for a participant's alerts: a raise, a clearance, or
 * nothing (every other event type on those topics).
 */
export function alertCauseOf(envelope: EventEnvelope<unknown>): AlertCauseChange | null {
  const eventId = envelope.eventId;
  switch (envelope.type) {
    case 'participant.low-hours-flagged': {
      const data = envelope.data as ParticipantLowHoursFlaggedV1;
      return {
        kind: 'raise',
        eventId,
        cause: {
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
        },
      };
    }
    case 'participant.low-hours-cleared': {
      const data = envelope.data as ParticipantLowHoursClearedV1;
      return { kind: 'clear', eventId, cause: { participantId: data.participantId, kind: 'LOW_HOURS' } };
    }
    case 'coaching.gap-detected': {
      const data = envelope.data as CoachingGapDetectedV1;
      return {
        kind: 'raise',
        eventId,
        cause: {
          participantId: data.participantId,
          organisationId: data.organisationId,
          regionId: data.regionId,
          kind: 'COACHING_GAP',
          // The domain sets a coaching gap's severity from the number of gaps open.
          severity: 'MEDIUM',
          gapId: data.gapId,
          facts: { reasonCode: data.reasonCode, openedOn: data.openedOn },
        },
      };
    }
    case 'coaching.gap-closed': {
      const data = envelope.data as CoachingGapClosedV1;
      return {
        kind: 'clear',
        eventId,
        cause: { participantId: data.participantId, kind: 'COACHING_GAP', gapId: data.gapId },
      };
    }
    default:
      return null;
  }
}
