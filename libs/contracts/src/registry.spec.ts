import { createEnvelope } from './envelope';
import { PARTICIPANT_ENROLLED_V1 } from './events/participants/participant-enrolled.v1';
import { TRAJECTORY_ENDED_V1 } from './events/trajectories/trajectory-ended.v1';
import { EVENT_DEFINITIONS, EVENT_REGISTRY, EventType, findEventDefinition, isEvent } from './registry';
import { TOPICS } from './topics';

describe('event registry', () => {
  it('registers each type and version once', () => {
    expect(EVENT_REGISTRY.size).toBe(EVENT_DEFINITIONS.length);
  });

  it('finds a definition by type and version', () => {
    expect(findEventDefinition('participant.enrolled', 1)).toBe(PARTICIPANT_ENROLLED_V1);
  });

  it('finds nothing for a version that does not exist', () => {
    expect(findEventDefinition('participant.enrolled', 2)).toBeUndefined();
  });

  it('lets only the owning service publish on each topic', () => {
    const owner: Record<string, string> = {
      [TOPICS.participants]: 'flow-through',
      [TOPICS.trajectories]: 'flow-through',
      [TOPICS.hours]: 'hours',
      [TOPICS.coaching]: 'coaching',
      [TOPICS.alerts]: 'flow-through',
    };
    for (const definition of EVENT_DEFINITIONS) expect(owner[definition.topic]).toBe(definition.producer);
  });

  it('keys every event by participant except the organisation-wide month close', () => {
    const byOrganisation = EVENT_DEFINITIONS.filter((d) => d.keyField === 'organisationId').map((d) => d.type);
    expect(byOrganisation).toEqual(['hours.month-closed']);
  });

  it('freezes the fixtures so one test cannot change them for the next', () => {
    const fixture = TRAJECTORY_ENDED_V1.fixture as { destination: string };
    expect(() => {
      fixture.destination = 'UNKNOWN';
    }).toThrow(TypeError);
  });

  it('narrows an envelope to the payload type of the event it is', () => {
    const envelope = createEnvelope<unknown>({
      type: PARTICIPANT_ENROLLED_V1.type,
      version: PARTICIPANT_ENROLLED_V1.version,
      producer: 'flow-through',
      participantId: PARTICIPANT_ENROLLED_V1.fixture.participantId,
      correlationId: 'corr-1',
      data: PARTICIPANT_ENROLLED_V1.fixture,
    });

    expect(isEvent(envelope, TRAJECTORY_ENDED_V1)).toBe(false);
    if (!isEvent(envelope, PARTICIPANT_ENROLLED_V1)) throw new Error('expected participant.enrolled');
    const displayName: string = envelope.data.displayName;
    expect(displayName).toBe('Sofie V.');
  });

  it('keeps the literal event type, so facts can be typed against the registry', () => {
    const type: EventType = PARTICIPANT_ENROLLED_V1.type;
    const literal: 'participant.enrolled' = PARTICIPANT_ENROLLED_V1.type;
    expect(type).toBe(literal);
  });
});
