import { SharedReads } from './shared-reads';

function setUp(ttlMs = 1000) {
  let now = 0;
  let reads = 0;
  let failNext = false;
  const shared = new SharedReads<string>(ttlMs, () => now);
  const read = async () => {
    reads += 1;
    await Promise.resolve();
    if (failNext) {
      failNext = false;
      throw new Error('database busy');
    }
    return `read ${reads}`;
  };
  return {
    shared,
    read,
    reads: () => reads,
    failNext: () => (failNext = true),
    advance: (ms: number) => (now += ms),
  };
}

describe('shared reads', () => {
  it('lets concurrent callers share the one read in flight', async () => {
    const { shared, read, reads } = setUp();
    const answers = await Promise.all(Array.from({ length: 20 }, () => shared.get('org', read)));
    expect(new Set(answers)).toEqual(new Set(['read 1']));
    expect(reads()).toBe(1);
  });

  it('reads again once the kept value is as old as the time to live, and per key', async () => {
    const { shared, read, reads, advance } = setUp(1000);
    await shared.get('org', read);
    advance(999);
    expect(await shared.get('org', read)).toBe('read 1');
    advance(1);
    expect(await shared.get('org', read)).toBe('read 2');
    expect(await shared.get('other', read)).toBe('read 3');
    expect(reads()).toBe(3);
  });

  it('does not keep a failed read', async () => {
    const { shared, read, failNext } = setUp();
    failNext();
    await expect(shared.get('org', read)).rejects.toThrow('database busy');
    expect(await shared.get('org', read)).toBe('read 2');
  });

  it('gives the next reader what this instance set, and reads again after forget', async () => {
    const { shared, read } = setUp();
    await shared.get('org', read);
    shared.set('org', 'saved here');
    expect(await shared.get('org', read)).toBe('saved here');
    shared.forget('org');
    expect(await shared.get('org', read)).toBe('read 2');
  });

  it('keeps nothing with a time to live of 0', async () => {
    const { shared, read, reads } = setUp(0);
    shared.set('org', 'saved here');
    await shared.get('org', read);
    await shared.get('org', read);
    expect(reads()).toBe(2);
  });
});
