import { KeyedLock } from './keyed-lock';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('never runs two pieces of work for the same key at once', async () => {
    const lock = new KeyedLock();
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        lock.run('participant-1', async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('runs work for different keys side by side', async () => {
    const lock = new KeyedLock();
    let running = 0;
    let most = 0;
    await Promise.all(
      ['a', 'b', 'c'].map((key) =>
        lock.run(key, async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('goes on with the next piece of work after one fails, and forgets idle keys', async () => {
    const lock = new KeyedLock();
    const failed = lock.run('k', async () => {
      throw new Error('boom');
    });
    const next = lock.run('k', async () => 'done');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('done');
    expect(lock.size).toBe(0);
  });

  it('keeps arrival order for one key', async () => {
    const lock = new KeyedLock();
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => lock.run('k', async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('holds several keys at once, so single-key work waits for a bulk operation on its key', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    let releaseBulk!: () => void;
    const bulkMayFinish = new Promise<void>((resolve) => (releaseBulk = resolve));
    const bulk = lock.runMany(['a', 'b'], async () => {
      order.push('bulk start');
      await bulkMayFinish;
      order.push('bulk end');
    });
    const single = lock.run('b', async () => void order.push('single b'));
    const other = lock.run('c', async () => void order.push('single c'));
    await other;
    releaseBulk();
    await Promise.all([bulk, single]);
    // c is free, so it need not wait; b must wait until the bulk work is over.
    expect(order.indexOf('single c')).toBeLessThan(order.indexOf('bulk end'));
    expect(order.slice(-2)).toEqual(['bulk end', 'single b']);
    expect(lock.size).toBe(0);
  });
});
