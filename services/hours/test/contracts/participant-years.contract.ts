import { randomUUID } from 'node:crypto';
import type { ParticipantYearRepository } from '../../src/prestations/application/ports';
import type { ParticipantYear } from '../../src/prestations/domain/participant-year';
import type { Prestation } from '../../src/prestations/domain/prestation';

export type Make<T> = () => T | Promise<T>;

export const aPrestation = (date: string, minutes: number): Prestation => ({
  id: randomUUID(),
  date,
  minutes,
  gebruiker: { kind: 'NON_PROFIT', reference: 'Kringwinkel' },
  activity: 'Sorteren',
  kilometres: null,
  countedHours: Math.ceil(minutes / 60),
  enteredBy: 'organiser-1',
  enteredAt: `${date}T16:00:00.000Z`,
  late: false,
  deleted: false,
  history: [],
});

const aYear = (prestations: Prestation[], participantId = randomUUID()): ParticipantYear => ({
  participantId,
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  year: 2026,
  prestations,
});

const keyOf = (year: ParticipantYear) => `${year.participantId}:${year.year}`;

/**
 * What every ParticipantYearRepository promises (its doc comments in prestations/application/ports.ts),
 * run against the in-memory fake and the MongoDB adapter alike.
 */
export function describeParticipantYearRepositoryContract(name: string, make: Make<ParticipantYearRepository>) {
  describe(`${name} keeps the ParticipantYearRepository contract`, () => {
    let years: ParticipantYearRepository;
    beforeEach(async () => {
      years = await make();
    });

    it('finds no year that was never stored', async () => {
      expect(await years.load(randomUUID(), 2026)).toBeNull();
    });

    it('creates a year at version 1 and gives it back as it was given', async () => {
      const year = aYear([aPrestation('2026-03-02', 150)]);
      expect(await years.insert(year)).toBe(true);
      expect(await years.load(year.participantId, 2026)).toEqual({ year, version: 1 });
      expect(await years.load(year.participantId, 2025)).toBeNull();
    });

    it('refuses to create a year that exists and keeps the first one', async () => {
      const first = aYear([aPrestation('2026-03-02', 150)]);
      const second = { ...first, prestations: [aPrestation('2026-03-03', 60)] };
      expect(await years.insert(first)).toBe(true);
      expect(await years.insert(second)).toBe(false);
      expect(await years.load(first.participantId, 2026)).toEqual({ year: first, version: 1 });
    });

    it('writes a year at the version it was read at, organisation and region included, and moves the version on', async () => {
      const year = aYear([aPrestation('2026-03-02', 150)]);
      await years.insert(year);
      const moved = {
        ...year,
        organisationId: 'org-zuiderkempen',
        regionId: 'region-antwerpen',
        prestations: [...year.prestations, aPrestation('2026-03-09', 90)],
      };
      expect(await years.update(moved, 1)).toBe(true);
      expect(await years.load(year.participantId, 2026)).toEqual({ year: moved, version: 2 });
      const again = { ...moved, prestations: moved.prestations.slice(1) };
      expect(await years.update(again, 2)).toBe(true);
      expect(await years.load(year.participantId, 2026)).toEqual({ year: again, version: 3 });
    });

    it('refuses a write at a stale version and keeps the year the winner wrote', async () => {
      const year = aYear([aPrestation('2026-03-02', 150)]);
      await years.insert(year);
      const winner = { ...year, prestations: [aPrestation('2026-03-03', 60)] };
      const loser = { ...year, prestations: [aPrestation('2026-03-04', 45)] };
      expect(await years.update(winner, 1)).toBe(true);
      expect(await years.update(loser, 1)).toBe(false);
      expect(await years.load(year.participantId, 2026)).toEqual({ year: winner, version: 2 });
    });

    it('lets exactly one of many simultaneous writers at one version win, and stores its year', async () => {
      const year = aYear([aPrestation('2026-03-02', 150)]);
      await years.insert(year);
      const candidates = Array.from({ length: 8 }, (_, i) => ({
        ...year,
        prestations: [aPrestation('2026-03-10', 30 + i)],
      }));
      const outcomes = await Promise.all(candidates.map((candidate) => years.update(candidate, 1)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await years.load(year.participantId, 2026)).toEqual({
        year: candidates[outcomes.indexOf(true)],
        version: 2,
      });
    });

    it('lets exactly one of many simultaneous creators of a year win', async () => {
      const participantId = randomUUID();
      const candidates = Array.from({ length: 8 }, (_, i) => aYear([aPrestation('2026-03-10', 30 + i)], participantId));
      const outcomes = await Promise.all(candidates.map((candidate) => years.insert(candidate)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await years.load(participantId, 2026)).toEqual({ year: candidates[outcomes.indexOf(true)], version: 1 });
    });

    it('refuses to update a year that does not exist and does not create it', async () => {
      const year = aYear([aPrestation('2026-03-02', 150)]);
      expect(await years.update(year, 1)).toBe(false);
      expect(await years.load(year.participantId, 2026)).toBeNull();
    });

    it('hands out copies: changing what it was given or what it gave back changes nothing stored', async () => {
      const year = aYear([aPrestation('2026-03-02', 150)]);
      const kept = structuredClone(year);
      await years.insert(year);
      year.prestations[0].minutes = 1;
      year.prestations.push(aPrestation('2026-03-05', 30));
      const loaded = await years.load(kept.participantId, 2026);
      loaded!.year.prestations[0].minutes = 2;
      loaded!.year.prestations.length = 0;
      const many = await years.loadMany([keyOf(kept)]);
      many.get(keyOf(kept))!.year.prestations.length = 0;
      expect(await years.load(kept.participantId, 2026)).toEqual({ year: kept, version: 1 });

      const next = { ...structuredClone(kept), prestations: [aPrestation('2026-03-06', 60)] };
      const written = structuredClone(next);
      await years.update(next, 1);
      next.prestations[0].minutes = 3;
      expect(await years.load(kept.participantId, 2026)).toEqual({ year: written, version: 2 });
    });

    it('loads many years by key, leaving out the keys it does not have', async () => {
      const a = aYear([aPrestation('2026-03-02', 150)]);
      const b = aYear([aPrestation('2026-04-02', 60)]);
      await years.insert(a);
      await years.insert(b);
      await years.update({ ...b, prestations: [] }, 1);
      const found = await years.loadMany([keyOf(a), `${randomUUID()}:2026`, keyOf(b), `${a.participantId}:2025`]);
      expect([...found.keys()].sort()).toEqual([keyOf(a), keyOf(b)].sort());
      expect(found.get(keyOf(a))).toEqual({ year: a, version: 1 });
      expect(found.get(keyOf(b))).toEqual({ year: { ...b, prestations: [] }, version: 2 });
      expect((await years.loadMany([])).size).toBe(0);
    });

    it('writes many at once: creates new years, updates those at their version (organisation and region included), and counts only what took', async () => {
      const existing = aYear([aPrestation('2026-03-02', 150)]);
      const moved = aYear([aPrestation('2026-03-02', 150)]);
      const taken = aYear([aPrestation('2026-03-02', 150)]);
      for (const year of [existing, moved, taken]) await years.insert(year);
      // Another writer moves `moved` on to version 2 first.
      const other = { ...moved, prestations: [aPrestation('2026-03-20', 20)] };
      await years.update(other, 1);

      const created = aYear([aPrestation('2026-05-04', 120)]);
      // The participant moved to another organisation since the year was first written.
      const changed = {
        ...existing,
        organisationId: 'org-zuiderkempen',
        regionId: 'region-antwerpen',
        prestations: [...existing.prestations, aPrestation('2026-05-05', 60)],
      };
      const written = await years.writeMany([
        { year: created, expectedVersion: null },
        { year: changed, expectedVersion: 1 },
        { year: { ...moved, prestations: [] }, expectedVersion: 1 },
        { year: { ...taken, prestations: [] }, expectedVersion: null },
      ]);

      expect(written).toBe(2);
      expect(await years.load(created.participantId, 2026)).toEqual({ year: created, version: 1 });
      expect(await years.load(existing.participantId, 2026)).toEqual({ year: changed, version: 2 });
      expect(await years.load(moved.participantId, 2026)).toEqual({ year: other, version: 2 });
      expect(await years.load(taken.participantId, 2026)).toEqual({ year: taken, version: 1 });
      expect(await years.writeMany([])).toBe(0);
    });
  });
}
