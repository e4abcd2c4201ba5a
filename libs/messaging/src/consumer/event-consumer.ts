import { EventEnvelope, deadLetterTopic, validateEnvelope } from '@stapsteen/contracts';
import { isDomainError } from '@stapsteen/errors';
import { CORRELATION_HEADER, correlation } from '@stapsteen/observability';

/** A consumed Kafka message, independent of the transport that delivered it. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The raw value, or the value the transport already parsed from JSON. */
  value: unknown;
  headers: Record<string, string | undefined>;
}

export interface DeadLetter {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

export interface DeadLetterPublisher {
  publish(letter: DeadLetter): Promise<void>;
}

export type ConsumeOutcome = 'applied' | 'dead-lettered';

export const DEAD_LETTER_REASON_HEADER = 'x-dead-letter-reason';

/** Thrown for failures that may pass (database down): the transport should redeliver. */
export class RetriableConsumeError extends Error {}

/**
 * Validates an incoming event and applies it inside the event's correlation context. A message
 * that can never be processed (malformed, unknown type, refused by a domain rule) goes to the
 * topic's dead-letter topic with the reason, and consumption moves on; anything else is rethrown
 * as retriable, so the message is delivered again rather than lost.
 */
export class EventConsumer {
  constructor(
    private readonly deadLetters: DeadLetterPublisher,
    private readonly log: (entry: Record<string, unknown>, message: string) => void = () => undefined,
  ) {}

  async consume(
    message: IncomingMessage,
    apply: (envelope: EventEnvelope<unknown>) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    const raw = parse(message.value);
    const validation = raw.ok ? validateEnvelope(raw.value) : { ok: false as const, reason: raw.reason };
    if (!validation.ok) {
      await this.deadLetter(message, validation.reason);
      return 'dead-lettered';
    }
    const envelope = validation.envelope;
    const correlationId = correlation.fromIncoming(message.headers[CORRELATION_HEADER] ?? envelope.correlationId);
    try {
      await correlation.run(correlationId, () => apply(envelope));
      return 'applied';
    } catch (error) {
      if (isDomainError(error) && error.kind !== 'conflict') {
        await this.deadLetter(message, `${error.code}: ${error.message}`);
        return 'dead-lettered';
      }
      throw new RetriableConsumeError(
        `applying ${envelope.type}@v${envelope.version} ${envelope.eventId} failed: ${String(error)}`,
        { cause: error },
      );
    }
  }

  private async deadLetter(message: IncomingMessage, reason: string): Promise<void> {
    this.log(
      { topic: message.topic, partition: message.partition, offset: message.offset, reason },
      'event sent to the dead-letter topic',
    );
    await this.deadLetters.publish({
      topic: deadLetterTopic(message.topic),
      key: message.key,
      value: typeof message.value === 'string' ? message.value : JSON.stringify(message.value ?? null),
      headers: {
        [DEAD_LETTER_REASON_HEADER]: reason.slice(0, 1000),
        'x-original-topic': message.topic,
        'x-original-partition': String(message.partition),
        'x-original-offset': message.offset,
        ...(message.headers[CORRELATION_HEADER] ? { [CORRELATION_HEADER]: message.headers[CORRELATION_HEADER] } : {}),
      },
    });
  }
}

function parse(value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (typeof value !== 'string' && !Buffer.isBuffer(value)) return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value.toString()) };
  } catch {
    return { ok: false, reason: 'the message value is not JSON' };
  }
}
