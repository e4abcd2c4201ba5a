import { StatusRound } from './status-round';

function counting<T>(answer: () => Promise<T>) {
  const asked = { times: 0 };
  return { asked, ask: () => ((asked.times += 1), answer()) };
}

describe('StatusRound', () => {
  it('shares one round among the callers that arrive while it runs and within its freshness', async () => {
    let now = 0;
    let finish!: (value: string) => void;
    const { asked, ask } = counting(() => new Promise<string>((resolve) => (finish = resolve)));
    const round = new StatusRound(ask, 5000, () => now);

    const waiting = Array.from({ length: 20 }, () => round.get());
    finish('all up');
    expect(await Promise.all(waiting)).toEqual(Array(20).fill('all up'));
    now = 4999;
    expect(await round.get()).toBe('all up');
    expect(asked.times).toBe(1);
  });

  it('asks again once the last round is older than its freshness', async () => {
    let now = 0;
    let answer = 'first';
    const { asked, ask } = counting(async () => answer);
    const round = new StatusRound(ask, 5000, () => now);

    expect(await round.get()).toBe('first');
    now = 5000;
    answer = 'second';
    expect(await round.get()).toBe('second');
    expect(asked.times).toBe(2);
  });

  it('does not keep a round that failed', async () => {
    let fail = true;
    const { asked, ask } = counting(async () => {
      if (fail) throw new Error('unreachable');
      return 'up';
    });
    const round = new StatusRound(ask, 5000, () => 0);

    await expect(round.get()).rejects.toThrow('unreachable');
    fail = false;
    expect(await round.get()).toBe('up');
    expect(asked.times).toBe(2);
  });
});
