import { afterEach, describe, expect, it } from '@jest/globals';
import { currentMonthInBrussels, followServerClock, resetServerClock, todayInBrussels } from './clock';

const answer =
  (body: unknown, ok = true) =>
  async () =>
    ({ ok, json: async () => body }) as Response;

describe('the web app clock', () => {
  afterEach(() => resetServerClock());

  it('follows the services when they live on another day', async () => {
    await followServerClock(answer({ now: '2028-02-29T11:00:00.000Z', today: '2028-02-29' }));
    expect(todayInBrussels()).toBe('2028-02-29');
    expect(currentMonthInBrussels()).toBe('2028-02');
  });

  it('takes the Brussels day, not the UTC day, of the services’ instant', async () => {
    await followServerClock(answer({ now: '2026-12-31T23:30:00.000Z' }));
    expect(todayInBrussels()).toBe('2027-01-01');
  });

  it('keeps the browser’s clock when the services cannot answer', async () => {
    const browserToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    await followServerClock(answer({}, false));
    await followServerClock(async () => {
      throw new TypeError('network down');
    });
    await followServerClock(answer({ now: 'not a time' }));
    expect([browserToday, todayAfter(browserToday)]).toContain(todayInBrussels());
  });
});

/** The test may straddle midnight. */
function todayAfter(day: string): string {
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
