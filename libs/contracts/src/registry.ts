import type { EventDefinition, PayloadOf } from './events/definition';
import type { EventEnvelope } from './envelope';
import { ALERT_RAISED_V1 } from './events/alerts/alert-raised.v1';
import { ALERT_RESOLVED_V1 } from './events/alerts/alert-resolved.v1';
import { COACHING_ASSIGNED_V1 } from './events/coaching/coaching-assigned.v1';
import { COACHING_ENDED_V1 } from './events/coaching/coaching-ended.v1';
import { COACHING_GAP_CLOSED_V1 } from './events/coaching/coaching-gap-closed.v1';
import { COACHING_GAP_DETECTED_V1 } from './events/coaching/coaching-gap-detected.v1';
import { COMPETENCY_ASSESSED_V1 } from './events/coaching/competency-assessed.v1';
import { HOURS_BARRIERS_RECORDED_V1 } from './events/hours/hours-barriers-recorded.v1';
import { HOURS_MONTH_CLOSED_V1 } from './events/hours/hours-month-closed.v1';
import { HOURS_PARTICIPANT_MONTH_CLOSED_V1 } from './events/hours/hours-participant-month-closed.v1';
import { PARTICIPANT_LOW_HOURS_CLEARED_V1 } from './events/hours/participant-low-hours-cleared.v1';
import { PARTICIPANT_LOW_HOURS_FLAGGED_V1 } from './events/hours/participant-low-hours-flagged.v1';
import { PARTICIPANT_ENROLLED_V1 } from './events/participants/participant-enrolled.v1';
import { PARTICIPANT_ERASED_V1 } from './events/participants/participant-erased.v1';
import { PARTICIPANT_UPDATED_V1 } from './events/participants/participant-updated.v1';
import { TRAJECTORY_ENDED_V1 } from './events/trajectories/trajectory-ended.v1';
import { TRAJECTORY_FOLLOW_UP_RECORDED_V1 } from './events/trajectories/trajectory-follow-up-recorded.v1';
import { TRAJECTORY_REFERRAL_DROPPED_V1 } from './events/trajectories/trajectory-referral-dropped.v1';
import { TRAJECTORY_EXTENDED_V1 } from './events/trajectories/trajectory-extended.v1';
import { TRAJECTORY_RESUMED_V1 } from './events/trajectories/trajectory-resumed.v1';
import { TRAJECTORY_STARTED_V1 } from './events/trajectories/trajectory-started.v1';
import { TRAJECTORY_SUSPENDED_V1 } from './events/trajectories/trajectory-suspended.v1';

const DEFINITIONS = [
  PARTICIPANT_ENROLLED_V1,
  PARTICIPANT_UPDATED_V1,
  PARTICIPANT_ERASED_V1,
  TRAJECTORY_STARTED_V1,
  TRAJECTORY_SUSPENDED_V1,
  TRAJECTORY_RESUMED_V1,
  TRAJECTORY_EXTENDED_V1,
  TRAJECTORY_ENDED_V1,
  TRAJECTORY_REFERRAL_DROPPED_V1,
  TRAJECTORY_FOLLOW_UP_RECORDED_V1,
  HOURS_MONTH_CLOSED_V1,
  HOURS_PARTICIPANT_MONTH_CLOSED_V1,
  PARTICIPANT_LOW_HOURS_FLAGGED_V1,
  PARTICIPANT_LOW_HOURS_CLEARED_V1,
  HOURS_BARRIERS_RECORDED_V1,
  COMPETENCY_ASSESSED_V1,
  COACHING_ASSIGNED_V1,
  COACHING_ENDED_V1,
  COACHING_GAP_DETECTED_V1,
  COACHING_GAP_CLOSED_V1,
  ALERT_RAISED_V1,
  ALERT_RESOLVED_V1,
] as const;

/** Every event type and version any service may publish; an event missing here is dead-lettered. */
export const EVENT_DEFINITIONS: readonly EventDefinition[] = DEFINITIONS;

/** The registered event types, e.g. for typing the facts an aggregate reports. */
export type EventType = (typeof DEFINITIONS)[number]['type'];

export type EventKey = `${string}@v${number}`;

export function eventKey(type: string, version: number): EventKey {
  return `${type}@v${version}`;
}

export const EVENT_REGISTRY: ReadonlyMap<EventKey, EventDefinition> = new Map(
  EVENT_DEFINITIONS.map((definition) => [eventKey(definition.type, definition.version), definition]),
);

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return EVENT_REGISTRY.get(eventKey(type, version));
}

/**
 * Narrows a validated envelope to one event, so a consumer reads typed data:
 * `if (isEvent(envelope, PARTICIPANT_ENROLLED_V1)) envelope.data.displayName`.
 */
export function isEvent<D extends EventDefinition>(
  envelope: EventEnvelope<unknown>,
  definition: D,
): envelope is EventEnvelope<PayloadOf<D>> {
  return envelope.type === definition.type && envelope.version === definition.version;
}
