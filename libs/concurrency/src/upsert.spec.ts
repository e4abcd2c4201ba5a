import { upsertTwiceOnRace } from './upsert';

const duplicate = Object.assign(new Error('E11000 duplicate key'), { code: 11000 });

describe('an upsert that lost the race to create its document', () => {
  it('is tried once more and answers what the second try answers', async () => {
    const attempts: number[] = [];
    const result = await upsertTwiceOnRace(async () => {
      attempts.push(attempts.length + 1);
      if (attempts.length === 1) throw duplicate;
      return 'updated';
    });
    expect(result).toBe('updated');
    expect(attempts).toEqual([1, 2]);
  });

  it('passes any other failure on at once, and a second duplicate too', async () => {
    const other = Object.assign(new Error('busy'), { code: 112 });
    let calls = 0;
    await expect(
      upsertTwiceOnRace(async () => {
        calls += 1;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
    await expect(
      upsertTwiceOnRace(async () => {
        throw duplicate;
      }),
    ).rejects.toBe(duplicate);
  });
});
