import type { EventEnvelope } from '@stapsteen/contracts';

/**
 * An event waiting in its aggregate's document until the broker has acknowledged it. The envelope
 * is kept as JSON text: the database then never sees event payload keys or nested arrays, which
 * FerretDB v1 and MongoDB treat differently.
 */
export interface OutboxEntry {
  eventId: string;
  topic: string;
  key: string;
  type: string;
  correlationId: string;
  value: string;
  createdAt: Date;
}

export function toOutboxEntry(topic: string, envelope: EventEnvelope<unknown>): OutboxEntry {
  return {
    eventId: envelope.eventId,
    topic,
    key: envelope.participantId,
    type: `${envelope.type}@v${envelope.version}`,
    correlationId: envelope.correlationId,
    value: JSON.stringify(envelope),
    createdAt: new Date(),
  };
}

/** Mongoose schema definition for the `outbox` array that an aggregate's schema embeds. */
export const outboxSchemaDefinition = {
  type: [
    {
      _id: false,
      eventId: { type: String, required: true },
      topic: { type: String, required: true },
      key: { type: String, required: true },
      type: { type: String, required: true },
      correlationId: { type: String, required: true },
      value: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
  ],
  default: [],
};
