import { alertEvents } from './events/alerts.v1';
import { coachingEvents } from './events/coaching.v1';
import type { EventDefinition } from './events/definition';
import { hoursEvents } from './events/hours.v1';
import { participantEvents } from './events/participants.v1';
import { trajectoryEvents } from './events/trajectories.v1';

export const EVENT_DEFINITIONS: EventDefinition[] = [
  ...participantEvents,
  ...trajectoryEvents,
  ...hoursEvents,
  ...coachingEvents,
  ...alertEvents,
] as EventDefinition[];

const byKey = new Map(EVENT_DEFINITIONS.map((d) => [`${d.type}@v${d.version}`, d]));

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byKey.get(`${type}@v${version}`);
}
