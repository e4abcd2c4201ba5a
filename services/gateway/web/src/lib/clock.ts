/**
 * The web app's clock follows the services' clock (GET /api/clock), not the browser's: the month
 * grid opens on the services' month and month close is offered when the services consider the
 * month over, also when a demo moves the day with STAPSTEEN_TODAY or the computer's clock is off.
 * Until the answer arrives (or when it cannot), the browser's own clock stands in.
 */
let offsetMs = 0;

const BRUSSELS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Learns how far the services' clock is from the browser's; never throws. */
export async function followServerClock(fetchTime: () => Promise<Response> = () => fetch('/api/clock')): Promise<void> {
  try {
    const sentAt = Date.now();
    const response = await fetchTime();
    if (!response.ok) return;
    const { now } = (await response.json()) as { now?: string };
    const serverNow = now ? Date.parse(now) : Number.NaN;
    if (Number.isNaN(serverNow)) return;
    // The answer was made about halfway through the round trip.
    offsetMs = serverNow - (sentAt + Date.now()) / 2;
  } catch {
    // The browser's clock stands in; the services still refuse what does not fit their day.
  }
}

export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today in Brussels by the services' clock, YYYY-MM-DD. */
export function todayInBrussels(): string {
  return BRUSSELS_DATE.format(serverNow());
}

/** The current month in Brussels by the services' clock, YYYY-MM. */
export function currentMonthInBrussels(): string {
  return todayInBrussels().slice(0, 7);
}

/** Only for tests: forget what was learned. */
export function resetServerClock(): void {
  offsetMs = 0;
}
