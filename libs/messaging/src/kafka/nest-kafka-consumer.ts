import { Injectable, Logger } from '@nestjs/common';
import { KafkaContext, KafkaRetriableException } from '@nestjs/microservices';
import type { EventEnvelope } from '@stapsteen/contracts';
import {
  ConsumeOutcome,
  ConsumerStoppingError,
  EventConsumer,
  IncomingMessage,
  RetriableConsumeError,
} from '../consumer/event-consumer';

/**
 * The bridge between a Nest `@EventPattern` handler and our `EventConsumer`, which retries with
 * backoff (heartbeating meanwhile) and dead-letters what it cannot apply. Only a message that could
 * not even be dead-lettered becomes a `KafkaRetriableException`, so the transport redelivers it
 * instead of committing.
 */
@Injectable()
export class KafkaEventHandler {
  private readonly logger = new Logger('KafkaEventHandler');

  constructor(private readonly consumer: EventConsumer) {}

  async handle(
    payload: unknown,
    context: KafkaContext,
    apply: (envelope: EventEnvelope<unknown>) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    try {
      return await this.consumer.consume(toIncomingMessage(payload, context), apply, heartbeatOf(context));
    } catch (error) {
      if (error instanceof ConsumerStoppingError) {
        this.logger.log({ topic: context.getTopic() }, error.message);
        throw new KafkaRetriableException(error.message);
      }
      if (error instanceof RetriableConsumeError) {
        this.logger.warn({ err: error.cause, topic: context.getTopic() }, error.message);
        throw new KafkaRetriableException(error.message);
      }
      throw error;
    }
  }
}

export function toIncomingMessage(payload: unknown, context: KafkaContext): IncomingMessage {
  const message = context.getMessage();
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    headers[name] = first === undefined ? undefined : first.toString();
  }
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: message.offset,
    key: message.key === null || message.key === undefined ? null : message.key.toString(),
    value: payload,
    headers,
  };
}

function heartbeatOf(context: KafkaContext): (() => Promise<void>) | undefined {
  const heartbeat = context.getHeartbeat?.();
  return typeof heartbeat === 'function' ? heartbeat : undefined;
}
