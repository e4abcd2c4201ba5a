/**
 * The demo's hours and targets are believable and its low-hours flags a signal, not noise: the
 * plan of `npm start` (deploy/seed/demo-plan.cjs) is judged by the hours service's own rules, month
 * by month as the seed closes them, without starting anything.
 */
import { addMonths } from '@stapsteen/calendar';
import { EarlierResult, judgeMonth } from '../../services/hours/src/month-close/domain/low-hours';
import { targetStanding } from '../../services/hours/src/month-close/domain/target-standing';
import { targetFor } from '../../services/hours/src/month-close/domain/targets';
import { TrajectoryWindow, activeInMonth } from '../../services/hours/src/prestations/domain/eligibility';

// The seed plan is plain CommonJS run by `npm start`; the test reads it as it is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plan = require('../../deploy/seed/demo-plan.cjs');

interface PlannedPerson {
  key: string;
  organisationId: string;
  profile: string;
  monthly: number;
  monthlyHoursTarget: number | null;
  startedOn: string | null;
  endedOn: string | null;
  suspendedOn: string | null;
}

const FULL = { participants: 150, months: 13 };

function windowsOf(p: PlannedPerson): TrajectoryWindow[] {
  return [
    {
      trajectoryId: p.key,
      startedOn: p.startedOn,
      endedOn: p.endedOn,
      suspensions: p.suspendedOn ? [{ from: p.suspendedOn, until: null }] : [],
    },
  ];
}

/** What the seed's closes flag, month by month (oldest first), with the default rule of two months. */
function closesOf(today: string) {
  const scale = { ...FULL, today };
  const people: PlannedPerson[] = plan.participantsPlan(scale).filter((p: PlannedPerson) => p.startedOn);
  const hoursOf = new Map<string, Map<string, number>>();
  for (const p of people) {
    const months = new Map<string, number>();
    for (const row of plan.prestationsPlan(p, scale) as { date: string; minutes: number }[]) {
      const month = row.date.slice(0, 7);
      months.set(month, (months.get(month) ?? 0) + Math.ceil(row.minutes / 60));
    }
    hoursOf.set(p.key, months);
  }
  const results = new Map<string, Map<string, EarlierResult>>();
  const closes: { month: string; active: number; flagged: number }[] = [];
  for (const month of plan.pastMonths(scale) as string[]) {
    const judged = new Map<string, EarlierResult>();
    let active = 0;
    let flagged = 0;
    for (const p of people.filter((x) => activeInMonth(windowsOf(x), month))) {
      const { result } = judgeMonth(
        {
          participantId: p.key,
          regionId: plan.REGION,
          countedHours: Math.min(60, hoursOf.get(p.key)!.get(month) ?? 0),
          targetHours: targetFor(p.monthlyHoursTarget, null, p.startedOn, month),
        },
        results.get(addMonths(month, -1))?.get(p.key),
        results.get(addMonths(month, -2))?.get(p.key),
      );
      judged.set(p.key, result);
      active += 1;
      if (result.flagged) flagged += 1;
    }
    results.set(month, judged);
    closes.push({ month, active, flagged });
  }
  return { people, hoursOf, closes, scale };
}

describe('the demo plan’s hours and targets', () => {
  // The day the issue was seen (5 December, November still open), a day after the tenth, and another year.
  it.each(['2026-12-05', '2026-12-20', '2027-06-14'])(
    'on %s the latest closed month flags 8–20 % of its participants, and no closed month more than 22 %',
    (today) => {
      const { closes } = closesOf(today);
      const share = (c: { active: number; flagged: number }) => c.flagged / c.active;
      const latest = closes.at(-1)!;
      expect(latest.active).toBeGreaterThanOrEqual(60);
      expect(share(latest)).toBeGreaterThanOrEqual(0.08);
      expect(share(latest)).toBeLessThanOrEqual(0.2);
      // The months with enough people to speak of a share (the first ones of the demo are small).
      const shares = closes.filter((c) => c.active >= 30).map((c) => [c.month, share(c)] as const);
      expect(shares.filter(([, s]) => s > 0.22)).toEqual([]);
    },
  );

  it('has 11–25 hours a month on average, and most participants an agreed target a little below what they do', () => {
    const { people, hoursOf, scale } = closesOf('2026-12-20');
    const lastClosed: string = plan.pastMonths(scale).at(-1);
    // Whole months only: the month someone starts, ends or is suspended in is partial by nature.
    const whole = people.filter(
      (p) => ![p.startedOn, p.endedOn, p.suspendedOn].some((d) => d && d.slice(0, 7) >= lastClosed),
    );
    const counted = whole.map((p) => hoursOf.get(p.key)!.get(lastClosed) ?? 0);
    const average = counted.reduce((a, b) => a + b, 0) / counted.length;
    expect(average).toBeGreaterThanOrEqual(11);
    expect(average).toBeLessThanOrEqual(25);
    const withTarget = people.filter((p) => p.monthlyHoursTarget !== null);
    expect(withTarget.length).toBe(people.length);
    const aLittleBelow = people.filter(
      (p) => p.monthlyHoursTarget! < p.monthly && p.monthly - p.monthlyHoursTarget! <= 4,
    );
    expect(aLittleBelow.length / people.length).toBeGreaterThan(0.7);
    expect(Math.min(...people.map((p) => p.monthlyHoursTarget!))).toBeGreaterThanOrEqual(8);
    expect(Math.max(...people.map((p) => p.monthlyHoursTarget!))).toBeLessThanOrEqual(25);
  });

  it('shows a minority below target for months on end, and a few falling', () => {
    const { people, closes } = closesOf('2026-12-20');
    const low = people.filter((p) => p.profile === 'LOW');
    const falling = people.filter((p) => p.profile === 'FALLING');
    expect(low.length / people.length).toBeGreaterThan(0.08);
    expect(low.length / people.length).toBeLessThan(0.15);
    expect(falling.length).toBeGreaterThanOrEqual(5);
    expect(closes.at(-1)!.flagged).toBeGreaterThan(0);
  });

  it('puts nobody behind schedule on the 5th of the open month, and only a minority on the 20th', () => {
    for (const [today, most] of [
      ['2026-12-05', 0],
      ['2026-12-20', 0.3],
    ] as const) {
      const scale = { ...FULL, today };
      const month = today.slice(0, 7);
      const people: PlannedPerson[] = plan
        .participantsPlan(scale)
        .filter((p: PlannedPerson) => p.startedOn && activeInMonth(windowsOf(p), month));
      const behind = people.filter((p) => {
        const counted = (plan.prestationsPlan(p, scale) as { date: string; minutes: number }[])
          .filter((r) => r.date.startsWith(month))
          .reduce((sum, r) => sum + Math.ceil(r.minutes / 60), 0);
        const target = targetFor(p.monthlyHoursTarget, null, p.startedOn, month);
        return targetStanding(month, today, counted, target, windowsOf(p)).status === 'BEHIND_SCHEDULE';
      });
      expect(people.length).toBeGreaterThan(60);
      expect(behind.length / people.length).toBeLessThanOrEqual(most);
    }
  });
});
