import type { OutboxEntry } from '@stapsteen/messaging';
import { randomUUID } from 'node:crypto';
import type { BarrierRepository } from '../../src/barriers/application/record-barriers';
import type { BarrierRecord } from '../../src/barriers/domain/barriers';
import type { Make } from './participant-years.contract';

const anEvent = (key: string): OutboxEntry => ({
  eventId: randomUUID(),
  topic: 'stapsteen.hours.v1',
  key,
  type: 'hours.barriers-recorded@v1',
  correlationId: randomUUID(),
  value: '{}',
  createdAt: new Date('2026-03-28T10:00:00.000Z'),
});

/**
 * What every BarrierRepository promises (its doc comments in barriers/application/record-barriers.ts),
 * run against the in-memory fake and the MongoDB adapter alike.
 */
export function describeBarrierRepositoryContract(name: string, make: Make<BarrierRepository>) {
  describe(`${name} keeps the BarrierRepository contract`, () => {
    let barriers: BarrierRepository;
    let region: string, otherRegion: string, neteland: string, kempen: string, elsewhere: string;

    const aRecord = (organisationId: string, regionId: string, month: string): BarrierRecord => ({
      participantId: randomUUID(),
      organisationId,
      regionId,
      month,
      barriers: ['MOBILITY', 'OTHER'],
      otherDescription: 'Geen vervoer naar de landbouwbedrijven',
      recordedBy: 'organiser-1',
      recordedAt: `${month}-28T10:00:00.000Z`,
    });
    const save = (record: BarrierRecord) => barriers.save(record, [anEvent(record.participantId)]);

    beforeEach(async () => {
      barriers = await make();
      const s = randomUUID().slice(0, 8);
      [region, otherRegion] = [`region-kempen-${s}`, `region-antwerpen-${s}`];
      [neteland, kempen, elsewhere] = [`org-neteland-${s}`, `org-kempen-${s}`, `org-elsewhere-${s}`];
    });

    it('finds no barriers where none were recorded', async () => {
      expect(await barriers.find(randomUUID(), '2026-03')).toBeNull();
    });

    it("stores a participant-month's barriers and replaces them on a later save", async () => {
      const first = aRecord(neteland, region, '2026-03');
      await save(first);
      expect(await barriers.find(first.participantId, '2026-03')).toEqual(first);
      expect(await barriers.find(first.participantId, '2026-04')).toBeNull();
      const later: BarrierRecord = { ...first, barriers: ['HEALTH'], otherDescription: null, recordedBy: 'coach-1' };
      await save(later);
      expect(await barriers.find(first.participantId, '2026-03')).toEqual(later);
      expect(await barriers.list({ organisationIds: [neteland] }, { from: '2026-01', to: '2026-12' })).toEqual([later]);
    });

    it('takes simultaneous saves of one participant-month, each whole: one of them is what is stored', async () => {
      const first = aRecord(neteland, region, '2026-03');
      const candidates = Array.from({ length: 5 }, (_, i) => ({ ...first, recordedBy: `organiser-${i}` }));
      await Promise.all(candidates.map(save));
      expect(candidates).toContainEqual(await barriers.find(first.participantId, '2026-03'));
      expect(await barriers.list({ organisationIds: [neteland] }, { from: '2026-03', to: '2026-03' })).toHaveLength(1);
    });

    it('lists the records of a scope whose month lies in the range, both ends included', async () => {
      const before = aRecord(neteland, region, '2026-01');
      const from = aRecord(neteland, region, '2026-02');
      const inside = aRecord(kempen, region, '2026-03');
      const to = aRecord(elsewhere, otherRegion, '2026-04');
      const after = aRecord(neteland, region, '2026-05');
      for (const record of [before, from, inside, to, after]) await save(record);
      const months = { from: '2026-02', to: '2026-04' };
      const ids = (records: BarrierRecord[]) => records.map((r) => r.participantId).sort();

      expect(ids(await barriers.list({ regionId: region }, months))).toEqual(ids([from, inside]));
      expect(ids(await barriers.list({ organisationIds: [neteland, elsewhere] }, months))).toEqual(ids([from, to]));
      expect(ids(await barriers.list({ regionId: region, organisationIds: [kempen, elsewhere] }, months))).toEqual(
        ids([inside]),
      );
      expect(await barriers.list({ organisationIds: [] }, months)).toEqual([]);
      expect(await barriers.list({ regionId: region }, { from: '2026-06', to: '2026-12' })).toEqual([]);
      expect(ids(await barriers.list({}, months))).toEqual(expect.arrayContaining(ids([from, inside, to])));
      expect(ids(await barriers.list({}, months))).not.toContain(before.participantId);
      expect(await barriers.list({ organisationIds: [kempen] }, { from: '2026-03', to: '2026-03' })).toEqual([inside]);
    });

    it('hands out copies: changing what it was given or gave back changes nothing stored', async () => {
      const record = aRecord(neteland, region, '2026-03');
      const kept = structuredClone(record);
      await save(record);
      record.barriers.push('HEALTH');
      const found = await barriers.find(kept.participantId, '2026-03');
      found!.barriers.length = 0;
      const [listed] = await barriers.list({ organisationIds: [neteland] }, { from: '2026-03', to: '2026-03' });
      listed.barriers.push('LANGUAGE');
      expect(await barriers.find(kept.participantId, '2026-03')).toEqual(kept);
    });
  });
}
