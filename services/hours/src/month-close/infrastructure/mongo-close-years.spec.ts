import { MongoCloseYears, YEAR_READS_AT_ONCE, YearReads } from './mongo-close-years';

describe('the participant-years of closes', () => {
  it('keeps at most a few reads in flight across every close running, and finds each stored year', async () => {
    let inFlight = 0;
    let most = 0;
    const pending: Array<() => void> = [];
    const stored = new Set(Array.from({ length: 200 }, (_, i) => `p${i}:2025`).filter((_, i) => i % 3 !== 0));
    const collection: YearReads = {
      findOne: async ({ _id }) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => pending.push(resolve));
        inFlight -= 1;
        const participantId = _id.split(':')[0];
        return stored.has(_id)
          ? { _id, participantId, organisationId: 'o', regionId: 'r', year: 2025, prestations: [] }
          : null;
      },
    };
    const years = MongoCloseYears.over(collection);
    // Four closes at once, 50 participants each.
    const closes = [0, 1, 2, 3].map((c) =>
      years.ofParticipants(
        `org-${c}`,
        2025,
        Array.from({ length: 50 }, (_, i) => `p${c * 50 + i}`),
      ),
    );
    // Answer the reads as they come, a few turns of the event loop at a time.
    let answered = 0;
    while (answered < 200) {
      await new Promise((resolve) => setImmediate(resolve));
      const now = pending.splice(0);
      answered += now.length;
      for (const resolve of now) resolve();
    }
    const found = await Promise.all(closes);

    expect(most).toBe(YEAR_READS_AT_ONCE);
    expect(found.reduce((sum, map) => sum + map.size, 0)).toBe(stored.size);
    expect([...found[1].keys()].every((id) => stored.has(`${id}:2025`))).toBe(true);
    expect(found[1].get('p52')?.participantId).toBe('p52');
  });
});
