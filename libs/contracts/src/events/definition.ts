import type { ProducerName } from '../envelope';
import type { Topic } from '../topics';

/** Everything a producer and a consumer need to agree on about one event type and version. */
export interface EventDefinition<T extends object = object> {
  type: string;
  version: number;
  topic: Topic;
  /** The one service that may publish this event. */
  producer: ProducerName;
  /**
   * The payload field whose value the envelope's `participantId` (the Kafka key) carries: almost
   * always `participantId`; `organisationId` for events about an organisation as a whole.
   */
  keyField: 'participantId' | 'organisationId';
  payloadClass: new () => T;
  /** A realistic example payload; the tests prove it validates. */
  fixture: T;
}

/** The payload type of a definition, e.g. `PayloadOf<typeof PARTICIPANT_ENROLLED_V1>`. */
export type PayloadOf<D> = D extends { payloadClass: new () => infer T } ? T : never;

/**
 * Keeps the literal type, version and topic of each definition (for narrowing in consumers) and
 * freezes the fixture, so a test that changes it cannot break the tests that run after it.
 */
export function defineEvent<
  const Type extends string,
  const Version extends number,
  const EventTopic extends Topic,
  T extends object,
>(
  definition: EventDefinition<T> & { type: Type; version: Version; topic: EventTopic },
): EventDefinition<T> & { type: Type; version: Version; topic: EventTopic } {
  return Object.freeze({ ...definition, fixture: deepFreeze(definition.fixture) });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
