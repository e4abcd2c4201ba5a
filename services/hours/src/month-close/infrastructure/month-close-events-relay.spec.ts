import type { OutboxPublisher } from '@stapsteen/messaging';
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
