import type { OutboxEntry } from '@stapsteen/messaging';
import { randomUUID } from 'node:crypto';
import type { MonthClose, MonthCloseRepository } from '../../src/month-close/application/ports';
import type { MonthCloseLedger } from '../../src/prestations/application/ports';
import type { Make } from './participant-years.contract';

const aClose = (organisationId: string, month: string, closedAt = `${month}-28T10:00:00.000Z`): MonthClose => ({
  organisationId,
  month,
  closedAt,
  closedBy: 'ORGANISER',
  closedByUser: 'organiser-1',
  flagAfterMonthsBelow: 2,
  results: [
    {
      participantId: randomUUID(),
      regionId: 'region-kempen',
      countedHours: 12,
      targetHours: 20,
      belowTarget: true,
      consecutiveMonthsBelow: 1,
      fallingTrend: false,
      flagged: false,
    },
  ],
});

const anEvent = (key: string): OutboxEntry => ({
  eventId: randomUUID(),
  topic: 'stapsteen.hours.v1',
  key,
  type: 'hours.month-closed@v1',
  correlationId: randomUUID(),
  value: '{}',
  createdAt: new Date('2026-03-28T10:00:00.000Z'),
});

/**
 * What every month-close store promises (MonthCloseRepository and the MonthCloseLedger that
 * prestation writes read), run against the in-memory fake and the MongoDB adapter alike.
 */
export function describeMonthCloseRepositoryContract(
  name: string,
  make: Make<MonthCloseRepository & MonthCloseLedger>,
) {
  describe(`${name} keeps the MonthCloseRepository contract`, () => {
    let closes: MonthCloseRepository & MonthCloseLedger;
    let organisation: string;
    beforeEach(async () => {
      closes = await make();
      organisation = `org-${randomUUID().slice(0, 8)}`;
    });

    it('knows no closed month of an organisation that never closed one', async () => {
      expect(await closes.closedMonths(organisation)).toEqual(new Set());
      expect(await closes.load(organisation, '2026-03')).toBeNull();
    });

    it('closes a month once: stores the close, lists the month, and gives the close back without its events', async () => {
      const close = aClose(organisation, '2026-03');
      expect(await closes.insert(close, [anEvent(close.results[0].participantId)])).toBe(true);
      expect(await closes.load(organisation, '2026-03')).toEqual(close);
      expect(await closes.closedMonths(organisation)).toEqual(new Set(['2026-03']));
    });

    it('refuses a second close of the same month and keeps the first', async () => {
      const first = aClose(organisation, '2026-03');
      await closes.insert(first, []);
      expect(await closes.insert(aClose(organisation, '2026-03', '2026-04-01T08:00:00.000Z'), [])).toBe(false);
      expect(await closes.load(organisation, '2026-03')).toEqual(first);
      expect(await closes.closedMonths(organisation)).toEqual(new Set(['2026-03']));
    });

    it('closes a month once when many close it at the same moment', async () => {
      const candidates = Array.from({ length: 6 }, (_, i) =>
        aClose(organisation, '2026-03', `2026-03-28T10:00:0${i}.000Z`),
      );
      const outcomes = await Promise.all(candidates.map((close) => closes.insert(close, [])));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await closes.load(organisation, '2026-03')).toEqual(candidates[outcomes.indexOf(true)]);
      expect(await closes.closedMonths(organisation)).toEqual(new Set(['2026-03']));
    });

    it("keeps months and organisations apart: another month, or another organisation's, is not closed", async () => {
      const other = `org-${randomUUID().slice(0, 8)}`;
      await closes.insert(aClose(organisation, '2026-03'), []);
      await closes.insert(aClose(organisation, '2026-05'), []);
      await closes.insert(aClose(other, '2026-04'), []);
      expect(await closes.closedMonths(organisation)).toEqual(new Set(['2026-03', '2026-05']));
      expect(await closes.closedMonths(other)).toEqual(new Set(['2026-04']));
      expect(await closes.load(organisation, '2026-04')).toBeNull();
      expect(await closes.load(other, '2026-03')).toBeNull();
    });

    it('hands out copies: changing what it was given or gave back changes nothing stored', async () => {
      const close = aClose(organisation, '2026-03');
      const kept = structuredClone(close);
      await closes.insert(close, []);
      close.results[0].countedHours = 99;
      close.results.push({ ...close.results[0], participantId: randomUUID() });
      const loaded = await closes.load(organisation, '2026-03');
      loaded!.results[0].flagged = true;
      const months = (await closes.closedMonths(organisation)) as Set<string>;
      months.add('2026-04');
      expect(await closes.load(organisation, '2026-03')).toEqual(kept);
      expect(await closes.closedMonths(organisation)).toEqual(new Set(['2026-03']));
    });
  });
}
