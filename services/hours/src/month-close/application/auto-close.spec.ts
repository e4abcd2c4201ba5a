import { fixedClock } from '@stapsteen/calendar';
import type { ParticipantRoster } from '../../participants/application/participant-roster';
import { AutoCloseMonths } from './auto-close';
import type { CloseMonthHandler } from './close-month';
import type { MonthClose, MonthCloseRepository } from './ports';

class FakeCloses implements MonthCloseRepository {
  readonly closed = new Set<string>();
  async insert(close: MonthClose) {
    this.closed.add(`${close.organisationId}:${close.month}`);
    return true;
  }
  async load(organisationId: string, month: string) {
    return this.closed.has(`${organisationId}:${month}`) ? ({ organisationId, month } as MonthClose) : null;
  }
  async closedMonths(organisationId: string) {
    return new Set([...this.closed].filter((id) => id.startsWith(`${organisationId}:`)).map((id) => id.slice(-7)));
  }
}

function setUp(now: string) {
  const closes = new FakeCloses();
  const calls: string[] = [];
  const handler = {
    execute: async (_closer: unknown, organisationId: string, month: string) => {
      calls.push(`${organisationId}:${month}`);
      await closes.insert({ organisationId, month } as MonthClose);
      return { organisationId, month } as MonthClose;
    },
  } as unknown as CloseMonthHandler;
  const roster = { organisations: async () => ['org-a', 'org-b'] } as unknown as ParticipantRoster;
  const autoClose = new AutoCloseMonths(handler, closes, roster, fixedClock(now), 10);
  return { autoClose, closes, calls };
}

describe('closing months automatically', () => {
  it('waits until ten days after the month ended', async () => {
    const { autoClose, calls } = setUp('2026-11-10T12:00:00Z');
    expect(await autoClose.closeDueMonths()).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('closes the previous month for every organisation from the eleventh on', async () => {
    const { autoClose } = setUp('2026-11-11T08:00:00Z');
    expect(await autoClose.closeDueMonths()).toEqual(['org-a', 'org-b']);
  });

  it('leaves a month the organiser already closed alone', async () => {
    const { autoClose, closes, calls } = setUp('2026-11-15T08:00:00Z');
    closes.closed.add('org-a:2026-10');
    await autoClose.closeDueMonths();
    expect(calls).toEqual(['org-b:2026-10']);
  });

  it('closes December in January, using Brussels time at New Year', async () => {
    const { autoClose, calls } = setUp('2027-01-10T23:30:00Z'); // already 11 January in Brussels
    await autoClose.closeDueMonths();
    expect(calls).toEqual(['org-a:2026-12', 'org-b:2026-12']);
  });
});
