import { InternalServerErrorException } from '@nestjs/common';
import { createEnvelope, findEventDefinition, validateEnvelope } from '@stapsteen/contracts';
import { correlation, findForbiddenKey } from '@stapsteen/observability';
import { randomUUID } from 'node:crypto';
import { OutboxEntry, toOutboxEntry } from './outbox-entry';

/** What an aggregate reports it did, before it becomes an event on a topic. */
export interface DomainFact {
  type: string;
  version: number;
  participantId: string;
  data: unknown;
}

type Producer = Parameters<typeof createEnvelope>[0]['producer'];

/**
 * An event that its own contract refuses. The request was valid to the API but produced an event
 * every consumer would dead-letter: the API's validation misses a rule, a server bug. It answers
 * 500 `EVENT.INVALID` (logged as an error) and the write it belonged to is not made. `reason` names
 * fields and rules only (`data.startedOn: must be a date that exists`), never a value.
 */
export class InvalidEventError extends InternalServerErrorException {
  constructor(
    readonly eventType: string,
    readonly reason: string,
  ) {
    super({
      code: 'EVENT.INVALID',
      detail: `The change was not stored: the event ${eventType} it would publish breaks its contract (${reason}).`,
      eventType,
    });
    this.name = 'InvalidEventError';
  }
}

/**
 * Wraps domain facts in the event envelope of `libs/contracts`, with the current correlation id,
 * ready to be stored in the aggregate's outbox in the same write as the change.
 *
 * Each event is checked here against its contract exactly as a consumer will check it (the JSON
 * the outbox stores, through `validateEnvelope`): one invalid event throws InvalidEventError
 * before anything is written, so it never reaches the database nor Kafka.
 */
export function stampForOutbox(
  facts: DomainFact[],
  producer: Producer,
  causationId: string | null = null,
): OutboxEntry[] {
  const correlationId = correlation.current() ?? randomUUID();
  return facts.map((fact) => {
    const definition = findEventDefinition(fact.type, fact.version);
    if (!definition) throw new Error(`No contract for ${fact.type}@v${fact.version}: add it to libs/contracts first`);
    const envelope = createEnvelope({
      type: fact.type,
      version: fact.version,
      producer,
      participantId: fact.participantId,
      correlationId,
      causationId,
      data: fact.data,
    });
    const entry = toOutboxEntry(definition.topic, envelope);
    const stored: unknown = JSON.parse(entry.value);
    const validation = validateEnvelope(stored);
    if (!validation.ok) throw new InvalidEventError(entry.type, validation.reason);
    // The contracts' whitelist does not see prototype keys; no event may carry one either.
    const forbidden = findForbiddenKey(stored);
    if (forbidden !== undefined) throw new InvalidEventError(entry.type, `${forbidden}: should not exist`);
    return entry;
  });
}
