import { EventEnvelope, deadLetterTopic, validateEnvelope } from '@stapsteen/contracts';
import { isDatabaseUnavailable, isDomainError } from '@stapsteen/errors';
import { CORRELATION_HEADER, correlation } from '@stapsteen/observability';
import { InvalidEventError } from '../outbox/stamp-events';
import { DEFAULT_RETRY_POLICY, RetryPolicy, delayAfterFailure, retryPolicy } from './retry-policy';

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

/** Why a message went to the dead-letter topic: the label of the dead-letter metric. */
export type DeadLetterCause = 'invalid' | 'refused' | 'retries-exhausted';

export const DEAD_LETTER_REASON_HEADER = 'x-dead-letter-reason';
export const DEAD_LETTER_CAUSE_HEADER = 'x-dead-letter-cause';
export const DEAD_LETTER_ATTEMPTS_HEADER = 'x-dead-letter-attempts';

/** Thrown when a message could neither be applied nor dead-lettered: the transport should redeliver. */
export class RetriableConsumeError extends Error {}

/**
 * Thrown once the consumer is stopping: the message was not applied (or not yet), and is left
 * uncommitted for whichever consumer of the group gets its partition next.
 */
export class ConsumerStoppingError extends RetriableConsumeError {
  constructor(what: string) {
    super(`the consumer is stopping; ${what} is left for redelivery`);
  }
}

export interface EventConsumerOptions {
  /** How often and how patiently a failure that may pass is retried before the message is dead-lettered. */
  retry?: RetryPolicy;
  log?: (entry: Record<string, unknown>, message: string) => void;
  /** Called once per dead letter published, e.g. to count it in a metric. */
  onDeadLetter?: (topic: string, cause: DeadLetterCause) => void;
  /** Called once per retry scheduled. */
  onRetry?: (topic: string) => void;
  /**
   * Waits between attempts, and returns early once `stopping` is aborted; tests may pass one that
   * records the delays instead of sleeping.
   */
  wait?: (ms: number, heartbeat?: () => Promise<void>, stopping?: AbortSignal) => Promise<void>;
}

/**
 * Validates an incoming event and applies it inside the event's correlation context.
 *
 * - A message that can never be processed (malformed, unknown type or version, breaking its
 *   contract, refused by a domain rule, or making the handler produce an event that breaks its
 *   contract) goes to the topic's dead-letter topic at once, with the reason.
 * - A database that cannot be reached (`isDatabaseUnavailable`: down, or FerretDB without its
 *   PostgreSQL) is waited for, however long: the message is tried again after the policy's growing
 *   delays (at most `maxDelayMs` apart), heartbeating meanwhile, and these attempts do not count
 *   towards the budget below. Every event stalls then anyway, and dead-lettering them all would
 *   lose them; the consumer resumes by itself once the database answers.
 * - Any other failure (a write conflict, a busy database) may pass: the message is applied again
 *   after a bounded exponential backoff (`RetryPolicy`), in place, so order within the partition
 *   holds. After the last attempt it goes to the dead-letter topic too, and the partition moves on:
 *   one bad message never stalls the events of every participant behind it.
 *
 * Only when the dead-letter topic itself cannot be written is `RetriableConsumeError` thrown, so
 * the transport delivers the message again rather than losing it.
 *
 * `stop()` (the service is shutting down) ends every wait at once and makes `consume` throw
 * `ConsumerStoppingError` instead of trying a failed message again: a service must be able to stop
 * while the database is away, and the Kafka client's disconnect waits for the message in hand. The
 * message is not committed, so nothing is lost. A message that has not failed is still applied.
 */
export class EventConsumer {
  private readonly retry: RetryPolicy;
  private readonly log: (entry: Record<string, unknown>, message: string) => void;
  private readonly wait: (ms: number, heartbeat?: () => Promise<void>, stopping?: AbortSignal) => Promise<void>;
  private readonly stopping = new AbortController();

  constructor(
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: EventConsumerOptions = {},
  ) {
    this.retry = retryPolicy(options.retry ?? DEFAULT_RETRY_POLICY);
    this.log = options.log ?? (() => undefined);
    this.wait = options.wait ?? waitWithHeartbeats;
  }

  /**
   * No further attempts: waits end now, and a message that failed throws `ConsumerStoppingError`
   * instead of being tried again. Idempotent.
   */
  stop(): void {
    this.stopping.abort();
  }

  get isStopping(): boolean {
    return this.stopping.signal.aborted;
  }

  /**
   * @param heartbeat the transport's heartbeat, called while waiting between attempts so a long
   *   backoff does not cost the consumer its place in the group.
   */
  async consume(
    message: IncomingMessage,
    apply: (envelope: EventEnvelope<unknown>) => Promise<void>,
    heartbeat?: () => Promise<void>,
  ): Promise<ConsumeOutcome> {
    const raw = parse(message.value);
    const validation = raw.ok ? validateEnvelope(raw.value) : { ok: false as const, reason: raw.reason };
    if (!validation.ok) {
      await this.deadLetter(message, 'invalid', validation.reason, 0);
      return 'dead-lettered';
    }
    const envelope = validation.envelope;
    const what = `${envelope.type}@v${envelope.version} ${envelope.eventId}`;
    const correlationId = correlation.fromIncoming(message.headers[CORRELATION_HEADER] ?? envelope.correlationId);
    // Failed attempts that count towards the retry budget, and attempts made while the database
    // was away, which do not: an outage is waited out, however long, never dead-lettered.
    let attempt = 0;
    let awaitingDatabase = 0;
    for (;;) {
      // A message the transport still delivers while the service stops is applied as usual: refusing
      // it would make kafkajs retry it, and after a few retries crash and restart the consumer in the
      // middle of the shutdown. Only a message that already failed stops trying.
      if (this.isStopping && (attempt > 0 || awaitingDatabase > 0)) throw new ConsumerStoppingError(what);
      try {
        await correlation.run(correlationId, () => apply(envelope));
        return 'applied';
      } catch (error) {
        const permanent = permanentFailure(error);
        if (permanent) {
          await this.deadLetter(message, permanent.cause, permanent.reason, attempt + 1);
          return 'dead-lettered';
        }
        if (this.isStopping) throw new ConsumerStoppingError(what);
        const described = `applying ${what} failed: ${String(error)}`;
        if (isDatabaseUnavailable(error)) {
          awaitingDatabase += 1;
          const delay = Math.min(
            this.retry.maxDelayMs,
            this.retry.baseDelayMs * 2 ** Math.min(awaitingDatabase - 1, 30),
          );
          this.log(
            {
              topic: message.topic,
              partition: message.partition,
              offset: message.offset,
              awaitingDatabase,
              delayMs: delay,
            },
            `${described}; the database is not available, waiting for it`,
          );
          this.options.onRetry?.(message.topic);
          await this.wait(delay, heartbeat, this.stopping.signal);
          continue;
        }
        attempt += 1;
        const delay = delayAfterFailure(this.retry, attempt);
        if (delay === null) {
          await this.deadLetter(
            message,
            'retries-exhausted',
            `gave up after ${attempt} attempts: ${String(error)}`,
            attempt,
          );
          return 'dead-lettered';
        }
        this.log(
          {
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            attempt,
            delayMs: delay,
            err: error,
          },
          `${described}; retrying`,
        );
        this.options.onRetry?.(message.topic);
        await this.wait(delay, heartbeat, this.stopping.signal);
      }
    }
  }

  private async deadLetter(message: IncomingMessage, cause: DeadLetterCause, reason: string, attempts: number) {
    this.log(
      { topic: message.topic, partition: message.partition, offset: message.offset, cause, attempts, reason },
      'event sent to the dead-letter topic',
    );
    try {
      await this.deadLetters.publish({
        topic: deadLetterTopic(message.topic),
        key: message.key,
        value: typeof message.value === 'string' ? message.value : JSON.stringify(message.value ?? null),
        headers: {
          [DEAD_LETTER_REASON_HEADER]: reason.slice(0, 1000),
          [DEAD_LETTER_CAUSE_HEADER]: cause,
          [DEAD_LETTER_ATTEMPTS_HEADER]: String(attempts),
          'x-original-topic': message.topic,
          'x-original-partition': String(message.partition),
          'x-original-offset': message.offset,
          ...(message.headers[CORRELATION_HEADER] ? { [CORRELATION_HEADER]: message.headers[CORRELATION_HEADER] } : {}),
        },
      });
    } catch (error) {
      throw new RetriableConsumeError(`the dead-letter topic of ${message.topic} could not be written`, {
        cause: error,
      });
    }
    this.options.onDeadLetter?.(message.topic, cause);
  }
}

/** A failure that no retry can mend, with the reason the dead letter carries; null when it may pass. */
function permanentFailure(error: unknown): { cause: DeadLetterCause; reason: string } | null {
  // The event would make the handler publish an event that breaks its contract: the same every time.
  if (error instanceof InvalidEventError || (error as { name?: unknown } | null)?.name === 'InvalidEventError') {
    const { eventType, reason } = error as InvalidEventError;
    return { cause: 'invalid', reason: `EVENT.INVALID: ${eventType}: ${reason}` };
  }
  if (isDomainError(error) && error.kind !== 'conflict') {
    return { cause: 'refused', reason: `${error.code}: ${error.message}` };
  }
  return null;
}

const HEARTBEAT_EVERY_MS = 1000;

/** Sleeps `ms`, calling the transport's heartbeat at least every second meanwhile; ends early once `stopping` is aborted. */
export async function waitWithHeartbeats(
  ms: number,
  heartbeat?: () => Promise<void>,
  stopping?: AbortSignal,
): Promise<void> {
  let left = ms;
  while (left > 0 && !stopping?.aborted) {
    const slice = Math.min(left, HEARTBEAT_EVERY_MS);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopping?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, slice);
      stopping?.addEventListener('abort', done, { once: true });
    });
    left -= slice;
    if (heartbeat) await heartbeat().catch(() => undefined);
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
