import { MongoCloseYears, YEAR_READS_AT_ONCE, YearReads } from './mongo-close-years';

describe('the participant-years of closes', () => {
  it('keeps at most a few reads in flight across every close running, and finds each stored year', async () => {
    let inFlight = 0;
    let most = 0;
    const pending: Array<() => void> = [];
    const stored = new Set(Array.from({ length: 200 }, (_, i) => `p${i}:2025`).filter((_, i) => i % 3 !== 0));
    const collection: YearReads = {
      // No year names these organisations: every participant is read by _id.
      find: async function* () {},
      createIndex: async () => undefined,
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

  it("reads the organisation's years in one query and only the participants it lacks by _id, moved participants included", async () => {
    const year = (participantId: string, organisationId: string, minutes: number) => ({
      _id: `${participantId}:2025`,
      participantId,
      organisationId,
      regionId: 'r',
      year: 2025,
      prestations: [{ minutes }] as never[],
    });
    const documents = [
      year('stayed', 'org', 240),
      year('also-stayed', 'org', 120),
      // Moved in during the year and wrote nothing since: the year still names the old organisation.
      year('moved-in', 'org-before', 180),
      // Moved away: the year still names this organisation, but the close does not ask for it.
      year('moved-away', 'org', 60),
    ];
    const queried: object[] = [];
    const byId: string[] = [];
    const collection: YearReads = {
      find: async function* (filter) {
        queried.push(filter);
        for (const d of documents)
          if (d.organisationId === filter.organisationId && d.year === filter.year) yield { ...d };
      },
      findOne: async ({ _id }) => {
        byId.push(_id);
        return documents.find((d) => d._id === _id) ?? null;
      },
      createIndex: async () => undefined,
    };

    const found = await MongoCloseYears.over(collection).ofParticipants('org', 2025, [
      'stayed',
      'moved-in',
      'never-worked',
      'also-stayed',
    ]);

    expect(
      Object.fromEntries(
        [...found.entries()].map(([id, y]) => [id, (y.prestations[0] as { minutes: number }).minutes]),
      ),
    ).toEqual({
      stayed: 240,
      'moved-in': 180,
      'also-stayed': 120,
    });
    expect(queried).toEqual([{ organisationId: 'org', year: 2025 }]);
    expect(byId.sort()).toEqual(['moved-in:2025', 'never-worked:2025']);
  });
});
