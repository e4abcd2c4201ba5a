import { Gate } from './gate';

/** Work that finishes when its test says so. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  it('lets at most its size in at once and the others in, in order, as places come free', async () => {
    const gate = new Gate(2);
    const works = Array.from({ length: 5 }, () => pending());
    const started: number[] = [];
    const runs = works.map((work, i) => gate.run(async () => (started.push(i), work.done)));

    await settle();
    expect(started).toEqual([0, 1]);
    works[1].finish();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    works[0].finish();
    works[2].finish();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    works[3].finish();
    works[4].finish();
    await Promise.all(runs);
  });

  it('gives the place back when the work fails', async () => {
    const gate = new Gate(1);
    await expect(gate.run(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
