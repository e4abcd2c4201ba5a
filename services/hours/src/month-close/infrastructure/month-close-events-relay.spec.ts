import { OutboxBacklog, OutboxEntry, OutboxPublisher } from '@stapsteen/messaging';
import { CloseEventsRef, EventChunkDocument, MONTH_CLOSE_EVENTS_COLLECTION, chunkId } from './close-event-chunks';
import { MonthCloseEventsRelay } from './month-close-events-relay';

/** The driver's error while the database is away. */
const away = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoServerSelectionError' });

describe('the month-close events relay while the database is away', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps trying by itself with growing pauses (up to 5 s), not only at the next poll, and stops failing once it returns', async () => {
    jest.useFakeTimers();
    let down = true;
    let sweeps = 0;
    type Drafts = ConstructorParameters<typeof MonthCloseEventsRelay>[1];
    type Closes = ConstructorParameters<typeof MonthCloseEventsRelay>[0];
    const drafts = {
      find: () => ({
        toArray: async () => {
          sweeps += 1;
          if (down) throw away();
          return [];
        },
      }),
    } as unknown as Drafts;
    const closes = { findOne: async () => null } as unknown as Closes;
    const publisher: OutboxPublisher = { publish: async () => undefined };
    const errors: unknown[] = [];
    const relay = new MonthCloseEventsRelay(closes, drafts, publisher, {
      pollIntervalMs: 30_000,
      leaseMs: 600_000,
      onError: (error) => errors.push(error),
    });

    relay.start();
    await jest.advanceTimersByTimeAsync(10_000);
    // Sweeps at 0, 0.25, 0.75, 1.75, 3.75 and 7.75 s.
    expect(sweeps).toBe(6);
    expect(errors).toHaveLength(6);

    down = false;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(sweeps).toBe(7);
    expect(errors).toHaveLength(6);
    // Healthy again (the sweep at 12.75 s): back to the poll interval, next at 42.75 s.
    await jest.advanceTimersByTimeAsync(27_000);
    expect(sweeps).toBe(7);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sweeps).toBe(8);
    await relay.stop();
  });
});

describe('the age of a decided close’s events for the outbox metrics', () => {
  type Drafts = ConstructorParameters<typeof MonthCloseEventsRelay>[1];
  type Closes = ConstructorParameters<typeof MonthCloseEventsRelay>[0];
  const closeId = 'org-neteland:2026-09';
  const attempt = 'attempt-1';
  /** Milliseconds on the backlog's clock; the close's events were made at 40 s. */
  let now = 100_000;
  const made = new Date(40_000);

  const entry = (eventId: string): OutboxEntry => ({
    eventId,
    topic: 'stapsteen.hours.v1',
    key: 'participant-1',
    type: 'hours.month-closed@v1',
    correlationId: 'c-1',
    value: '{}',
    createdAt: made,
  });

  /** A decided close whose events are in two chunks, with the two collections the relay reads, in memory. */
  function decidedClose() {
    const closes = new Map<string, { _id: string; events?: CloseEventsRef }>([
      [closeId, { _id: closeId, events: { attempt, chunks: 2 } }],
    ]);
    const drafts = new Map<string, EventChunkDocument>(
      [0, 1].map((n) => [
        chunkId(closeId, attempt, n),
        { _id: chunkId(closeId, attempt, n), closeId, attempt, n, startedAt: made, outbox: [entry(`e${n}`)] },
      ]),
    );
    const state = { down: false };
    const check = () => {
      if (state.down) throw away();
    };
    const closesCollection = {
      findOne: async (filter: { _id: string }) => {
        check();
        return closes.get(filter._id) ?? null;
      },
    } as unknown as Closes;
    const draftsCollection = {
      find: () => ({
        toArray: async () => {
          check();
          return [...drafts.values()].map(({ outbox: _outbox, ...rest }) => rest);
        },
      }),
      findOne: async (filter: { _id: string }) => {
        check();
        return drafts.get(filter._id) ?? null;
      },
      deleteOne: async (filter: { _id: string }) => {
        check();
        return { deletedCount: drafts.delete(filter._id) ? 1 : 0 };
      },
    } as unknown as Drafts;
    return { closes: closesCollection, drafts: draftsCollection, chunks: drafts, state };
  }

  beforeEach(() => {
    now = 100_000;
  });

  it('shows the age of the chunk in hand while the broker refuses it, and 0 once the close is published', async () => {
    const { closes, drafts, chunks } = decidedClose();
    const published: string[] = [];
    let refuse = false;
    const publisher: OutboxPublisher = {
      publish: async (entries) => {
        if (refuse) throw new Error('broker unavailable');
        published.push(...entries.map((e) => e.eventId));
        refuse = true; // the broker goes away after the first chunk
      },
    };
    const backlog = new OutboxBacklog(() => now);
    const relay = new MonthCloseEventsRelay(closes, drafts, publisher, {
      pollIntervalMs: 1000,
      leaseMs: 600_000,
      backlog,
    });
    expect(backlog.figures()).toEqual([{ collection: MONTH_CLOSE_EVENTS_COLLECTION, oldestPendingSeconds: 0 }]);

    relay.nudge(closeId);
    await expect(relay.drainOnce()).rejects.toThrow('broker unavailable');
    now = 130_000;
    expect(published).toEqual(['e0']);
    expect([...chunks.keys()]).toEqual([chunkId(closeId, attempt, 1)]);
    // Not counted: the relay has read only the chunk in hand.
    expect(backlog.figures()).toEqual([{ collection: MONTH_CLOSE_EVENTS_COLLECTION, oldestPendingSeconds: 90 }]);

    refuse = false;
    await relay.drainOnce();
    expect(published).toEqual(['e0', 'e1']);
    expect(backlog.figures()).toEqual([{ collection: MONTH_CLOSE_EVENTS_COLLECTION, oldestPendingSeconds: 0 }]);
  });

  it('counts a close decided while the database cannot be read from when it was named', async () => {
    const { closes, drafts, state } = decidedClose();
    const backlog = new OutboxBacklog(() => now);
    const publisher: OutboxPublisher = { publish: async () => undefined };
    const relay = new MonthCloseEventsRelay(closes, drafts, publisher, {
      pollIntervalMs: 1000,
      leaseMs: 600_000,
      backlog,
    });
    state.down = true;

    relay.nudge(closeId);
    await expect(relay.drainOnce()).rejects.toThrow('ECONNREFUSED');
    now += 20_000;
    expect(backlog.figures()[0].oldestPendingSeconds).toBe(20);

    state.down = false;
    await relay.drainOnce();
    expect(backlog.figures()[0].oldestPendingSeconds).toBe(0);
  });

  it('forgets a close another instance published once a sweep finds none of its chunks', async () => {
    const { closes, drafts, chunks } = decidedClose();
    const publisher: OutboxPublisher = {
      publish: async () => {
        throw new Error('broker unavailable');
      },
    };
    const backlog = new OutboxBacklog(() => now);
    const relay = new MonthCloseEventsRelay(closes, drafts, publisher, {
      pollIntervalMs: 1000,
      leaseMs: 600_000,
      backlog,
    });
    await expect(relay.drainOnce()).rejects.toThrow('broker unavailable'); // the start-up sweep
    expect(backlog.figures()[0].oldestPendingSeconds).toBe(60);

    chunks.clear(); // another instance published and removed them
    await relay.drainOnce(); // the sweep, due again after its failure

    expect(backlog.figures()[0].oldestPendingSeconds).toBe(0);
  });
});
