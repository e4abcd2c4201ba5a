import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { randomUUID } from 'node:crypto';
import { InvalidEventError } from '../outbox/stamp-events';
import {
  DEAD_LETTER_ATTEMPTS_HEADER,
  DEAD_LETTER_CAUSE_HEADER,
  DEAD_LETTER_REASON_HEADER,
  DeadLetter,
  DeadLetterCause,
  ConsumerStoppingError,
  EventConsumer,
  IncomingMessage,
  RetriableConsumeError,
  waitWithHeartbeats,
} from './event-consumer';

class InMemoryDeadLetters {
  readonly letters: DeadLetter[] = [];
  failing = false;
  async publish(letter: DeadLetter): Promise<void> {
    if (this.failing) throw new Error('broker unreachable');
    this.letters.push(letter);
  }
}

function message(offset = '7'): IncomingMessage {
  const participantId = randomUUID();
  const envelope = createEnvelope({
    type: 'participant.erased',
    version: 1,
    producer: 'flow-through',
    participantId,
    correlationId: randomUUID(),
    data: { participantId, organisationId: 'org-neteland', erasedAt: '2026-11-05T10:00:00.000Z' },
  });
  return {
    topic: TOPICS.participants,
    partition: 2,
    offset,
    key: participantId,
    value: JSON.stringify(envelope),
    headers: {},
  };
}

function consumerWith(deadLetters: InMemoryDeadLetters, maxAttempts = 4) {
  const waits: number[] = [];
  const heartbeats: number[] = [];
  const counted: Array<[string, DeadLetterCause]> = [];
  const consumer = new EventConsumer(deadLetters, {
    retry: { maxAttempts, baseDelayMs: 50, maxDelayMs: 120 },
    wait: async (ms, heartbeat) => {
      waits.push(ms);
      await heartbeat?.();
    },
    onDeadLetter: (topic, cause) => counted.push([topic, cause]),
  });
  return { consumer, waits, heartbeats, counted };
}

describe('the event consumer', () => {
  it('retries a failure that may pass with growing, capped waits, and applies the event once it passes', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer, waits } = consumerWith(deadLetters);
    let calls = 0;
    const outcome = await consumer.consume(message(), async () => {
      calls += 1;
      if (calls < 4) throw new Error('connection reset');
    });
    expect(outcome).toBe('applied');
    expect(calls).toBe(4);
    expect(waits).toEqual([50, 100, 120]);
    expect(deadLetters.letters).toEqual([]);
  });

  it('dead-letters a message after the last attempt, with the reason, and counts it', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer, waits, counted } = consumerWith(deadLetters);
    const incoming = message('41');
    let calls = 0;
    let beats = 0;
    const outcome = await consumer.consume(
      incoming,
      async () => {
        calls += 1;
        throw new TypeError('Cannot read properties of undefined');
      },
      async () => {
        beats += 1;
      },
    );
    expect(outcome).toBe('dead-lettered');
    expect(calls).toBe(4);
    expect(waits).toEqual([50, 100, 120]);
    expect(beats).toBe(3);
    expect(deadLetters.letters).toEqual([
      {
        topic: `${TOPICS.participants}.dlt`,
        key: incoming.key,
        value: incoming.value,
        headers: {
          [DEAD_LETTER_REASON_HEADER]: 'gave up after 4 attempts: TypeError: Cannot read properties of undefined',
          [DEAD_LETTER_CAUSE_HEADER]: 'retries-exhausted',
          [DEAD_LETTER_ATTEMPTS_HEADER]: '4',
          'x-original-topic': TOPICS.participants,
          'x-original-partition': '2',
          'x-original-offset': '41',
        },
      },
    ]);
    expect(counted).toEqual([[TOPICS.participants, 'retries-exhausted']]);
  });

  /** The errors the driver and FerretDB give while the database is away (libs/errors). */
  const databaseDown = () =>
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoServerSelectionError' });
  const postgresqlDown = () =>
    Object.assign(new Error('[msg_find.go:344] failed to connect to `user=stapsteen database=ferretdb`: dial error'), {
      name: 'MongoServerError',
      code: 1,
    });

  it.each([
    ['FerretDB or MongoDB unreachable', databaseDown],
    ['FerretDB without its PostgreSQL', postgresqlDown],
  ])(
    'waits for a database that is away (%s) however long, never spending its retries nor dead-lettering',
    async (_title, failure) => {
      const deadLetters = new InMemoryDeadLetters();
      const { consumer, waits, counted } = consumerWith(deadLetters, 4);
      let calls = 0;
      const outcome = await consumer.consume(message(), async () => {
        calls += 1;
        if (calls <= 20) throw failure();
      });
      expect(outcome).toBe('applied');
      expect(calls).toBe(21);
      // The policy's growing delays, capped at its maximum, for as long as it takes.
      expect(waits).toEqual([50, 100, ...Array(18).fill(120)]);
      expect(deadLetters.letters).toEqual([]);
      expect(counted).toEqual([]);
    },
  );

  it('counts only the failures that are not an outage towards the budget', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer } = consumerWith(deadLetters, 4);
    const failures = [
      new TypeError('x is undefined'),
      databaseDown(),
      databaseDown(),
      new TypeError('x is undefined'),
      databaseDown(),
      new TypeError('x is undefined'),
      new TypeError('x is undefined'),
    ];
    let calls = 0;
    const outcome = await consumer.consume(message(), async () => {
      const failure = failures[calls];
      calls += 1;
      if (failure) throw failure;
    });
    expect(outcome).toBe('dead-lettered');
    expect(calls).toBe(7);
    expect(deadLetters.letters[0]?.headers).toMatchObject({
      [DEAD_LETTER_CAUSE_HEADER]: 'retries-exhausted',
      [DEAD_LETTER_ATTEMPTS_HEADER]: '4',
    });
  });

  it('retries a domain conflict (the thing changed meanwhile) like any failure that may pass', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer, waits } = consumerWith(deadLetters, 2);
    const outcome = await consumer.consume(message(), async () => {
      throw new DomainError('HOURS.VERSION_CONFLICT', 'conflict', 'changed meanwhile');
    });
    expect(outcome).toBe('dead-lettered');
    expect(waits).toEqual([50]);
    expect(deadLetters.letters[0]?.headers[DEAD_LETTER_CAUSE_HEADER]).toBe('retries-exhausted');
  });

  it('dead-letters an event refused by a domain rule at once, never retried', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer, waits, counted } = consumerWith(deadLetters);
    let calls = 0;
    const outcome = await consumer.consume(message(), async () => {
      calls += 1;
      throw new DomainError('HOURS.MONTH_CLOSED', 'rule-violation', 'the month is closed');
    });
    expect(outcome).toBe('dead-lettered');
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
    expect(deadLetters.letters[0]?.headers).toMatchObject({
      [DEAD_LETTER_REASON_HEADER]: 'HOURS.MONTH_CLOSED: the month is closed',
      [DEAD_LETTER_CAUSE_HEADER]: 'refused',
      [DEAD_LETTER_ATTEMPTS_HEADER]: '1',
    });
    expect(counted).toEqual([[TOPICS.participants, 'refused']]);
  });

  it('dead-letters at once an event whose handling would publish an event that breaks its contract', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer, waits } = consumerWith(deadLetters);
    let calls = 0;
    const outcome = await consumer.consume(message(), async () => {
      calls += 1;
      throw new InvalidEventError('alert.raised', 'data.dueOn: must be a date that exists');
    });
    expect(outcome).toBe('dead-lettered');
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
    expect(deadLetters.letters[0]?.headers).toMatchObject({
      [DEAD_LETTER_REASON_HEADER]: 'EVENT.INVALID: alert.raised: data.dueOn: must be a date that exists',
      [DEAD_LETTER_CAUSE_HEADER]: 'invalid',
    });
  });

  it('dead-letters at once an event that breaks its contract, without calling the handler', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer, waits, counted } = consumerWith(deadLetters);
    const incoming = message();
    const envelope = JSON.parse(incoming.value as string) as { data: Record<string, unknown> };
    envelope.data.erasedAt = '2026-02-31T10:00:00.000Z';
    let calls = 0;
    const outcome = await consumer.consume({ ...incoming, value: JSON.stringify(envelope) }, async () => {
      calls += 1;
    });
    expect(outcome).toBe('dead-lettered');
    expect(calls).toBe(0);
    expect(waits).toEqual([]);
    expect(deadLetters.letters[0]?.headers[DEAD_LETTER_CAUSE_HEADER]).toBe('invalid');
    expect(deadLetters.letters[0]?.headers[DEAD_LETTER_ATTEMPTS_HEADER]).toBe('0');
    expect(counted).toEqual([[TOPICS.participants, 'invalid']]);
  });

  it('asks for redelivery only when the dead-letter topic cannot be written, and counts nothing then', async () => {
    const deadLetters = new InMemoryDeadLetters();
    deadLetters.failing = true;
    const { consumer, counted } = consumerWith(deadLetters, 1);
    await expect(
      consumer.consume(message(), async () => {
        throw new Error('database down');
      }),
    ).rejects.toBeInstanceOf(RetriableConsumeError);
    expect(counted).toEqual([]);
  });
});

describe('a consumer that is stopping (the service shuts down)', () => {
  it('stops waiting for a database that is away, and leaves the message unapplied and not dead-lettered', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const consumer = new EventConsumer(deadLetters, { retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 120 } });
    let calls = 0;
    const consuming = consumer.consume(message(), async () => {
      calls += 1;
      // The database never comes back while the service is shutting down.
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoNetworkError' });
    });
    await eventuallyCalled(() => calls >= 2);
    consumer.stop();
    await expect(consuming).rejects.toBeInstanceOf(ConsumerStoppingError);
    await expect(consuming).rejects.toBeInstanceOf(RetriableConsumeError);
    expect(deadLetters.letters).toEqual([]);
  });

  it('stops in the middle of a backoff after a failure that may pass, without spending the rest of its budget', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const consumer = new EventConsumer(deadLetters, {
      retry: { maxAttempts: 8, baseDelayMs: 10_000, maxDelayMs: 10_000 },
    });
    let calls = 0;
    const consuming = consumer.consume(message(), async () => {
      calls += 1;
      throw new TypeError('x is undefined');
    });
    await eventuallyCalled(() => calls === 1);
    const stoppedAt = Date.now();
    consumer.stop();
    await expect(consuming).rejects.toBeInstanceOf(ConsumerStoppingError);
    // The 10 s wait was cut short: the stop ends it, not the timer.
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(calls).toBe(1);
    expect(deadLetters.letters).toEqual([]);
  });

  it('still applies a message the transport delivers while stopping, but does not retry one that failed', async () => {
    const { consumer, waits } = consumerWith(new InMemoryDeadLetters());
    consumer.stop();
    let calls = 0;
    expect(
      await consumer.consume(message(), async () => {
        calls += 1;
      }),
    ).toBe('applied');
    await expect(
      consumer.consume(message(), async () => {
        calls += 1;
        throw new TypeError('x is undefined');
      }),
    ).rejects.toBeInstanceOf(ConsumerStoppingError);
    expect(calls).toBe(2);
    expect(waits).toEqual([]);
  });

  it('still dead-letters at once what can never be processed, while stopping', async () => {
    const deadLetters = new InMemoryDeadLetters();
    const { consumer } = consumerWith(deadLetters);
    consumer.stop();
    const outcome = await consumer.consume({ ...message(), value: 'not json' }, async () => undefined);
    expect(outcome).toBe('dead-lettered');
    expect(deadLetters.letters).toHaveLength(1);
  });
});

/** Resolves once `condition` holds, checking after each turn of the event loop's timers. */
async function eventuallyCalled(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('waiting between attempts', () => {
  afterEach(() => jest.useRealTimers());

  it('heartbeats at least every second, so a long backoff keeps the consumer in its group', async () => {
    jest.useFakeTimers();
    let beats = 0;
    let done = false;
    const waiting = waitWithHeartbeats(2500, async () => {
      beats += 1;
    }).then(() => {
      done = true;
    });
    await jest.advanceTimersByTimeAsync(999);
    expect(beats).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(beats).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(2);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(500);
    await waiting;
    expect(beats).toBe(3);
    expect(done).toBe(true);
  });

  it('ends at once when the consumer stops', async () => {
    jest.useFakeTimers();
    const stopping = new AbortController();
    let done = false;
    const waiting = waitWithHeartbeats(10_000, undefined, stopping.signal).then(() => {
      done = true;
    });
    await jest.advanceTimersByTimeAsync(1_500);
    expect(done).toBe(false);
    stopping.abort();
    await jest.advanceTimersByTimeAsync(0);
    await waiting;
    expect(done).toBe(true);
  });
});
