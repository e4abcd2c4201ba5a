import { createEnvelope, findEventDefinition } from '@stapsteen/contracts';
import { correlation } from '@stapsteen/observability';
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
 * Wraps domain facts in the event envelope of `libs/contracts`, with the current correlation id,
 * ready to be stored in the aggregate's outbox in the same write as the change.
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
    return toOutboxEntry(definition.topic, envelope);
  });
}
