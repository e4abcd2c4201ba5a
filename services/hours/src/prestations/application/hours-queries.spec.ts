import type { Principal } from '@stapsteen/auth';
import {
  InMemoryMonthCloses,
  InMemoryParticipantYears,
  InMemoryRoster,
  InMemoryTargetSettings,
  clockAt,
} from '../../../test/in-memory-hours';
import { CloseMonthHandler } from '../../month-close/application/close-month';
import type { RosterEntry } from '../../participants/application/participant-roster';
import { DEFAULT_ALLOWANCE_RATES } from '../domain/allowance';
import { HoursQueries } from './hours-queries';
import { PrestationCommands } from './prestation-commands';

const ORG = 'org-neteland';
const ANNA = '11111111-1111-4111-8111-111111111111';
const BERT = '22222222-2222-4222-8222-222222222222';
const CATO = '33333333-3333-4333-8333-333333333333';
const organiser: Principal = { userId: 'organiser-1', role: 'ORGANISER', organisationIds: [ORG], regionId: 'r-kempen' };
const caps = { monthlyCap: 60, yearlyCap: 630, dailyMaximumMinutes: 720 };

const person = (participantId: string, monthlyHoursTarget: number | null): RosterEntry => ({
  participantId,
  organisationId: ORG,
  regionId: 'r-kempen',
  displayName: 'Deelnemer',
  coachId: null,
  monthlyHoursTarget,
  exPwa: false,
  trajectories: [{ trajectoryId: `t-${participantId}`, startedOn: '2026-09-01', endedOn: null, suspensions: [] }],
});

/** The organiser's screens on `now`: Anna has her own target of 16, Bert and Cato follow the ramp. */
function setUp(now: string) {
  const years = new InMemoryParticipantYears();
  const closes = new InMemoryMonthCloses();
  const targets = new InMemoryTargetSettings();
  targets.set(ORG, { steps: [{ fromTrajectoryMonth: 1, hours: 12 }] });
  const roster = new InMemoryRoster([person(ANNA, 16), person(BERT, null), person(CATO, null)]);
  const clock = clockAt(now);
  const commands = new PrestationCommands(years, roster, closes, clock, caps);
  const enter = (participantId: string, date: string, minutes: number) =>
    commands.record(organiser, {
      participantId,
      date,
      minutes,
      kilometres: null,
      gebruiker: { kind: 'NON_PROFIT', reference: 'Kringwinkel' },
      activity: 'Sorteren',
    });
  const close = new CloseMonthHandler(closes, years, roster, targets, clock, DEFAULT_ALLOWANCE_RATES);
  const queries = new HoursQueries(years, roster, caps, DEFAULT_ALLOWANCE_RATES, { targets, closes, clock });
  return { queries, enter, close, targets, roster };
}

const byId = <T extends { participantId: string }>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [r.participantId, r]));

describe('"below target" in the month grid and the participant’s year', () => {
  it('never says "below target" for the running month on its 5th: it is on schedule, in proportion to the days', async () => {
    const { queries, enter } = setUp('2026-12-05T10:00:00Z');
    await enter(ANNA, '2026-12-02', 120);
    const rows = byId(await queries.monthGrid(organiser, ORG, '2026-12'));
    expect(Object.values(rows).map((r) => r.standing)).toEqual([
      { status: 'ON_SCHEDULE', expectedHours: 0 },
      { status: 'ON_SCHEDULE', expectedHours: 0 },
      { status: 'ON_SCHEDULE', expectedHours: 0 },
    ]);
    expect(rows[ANNA]).toMatchObject({ targetHours: 16, flagged: null });
    // Bert and Cato have no target of their own: the organisation's ramp, not the fallback of 20.
    expect(rows[BERT].targetHours).toBe(12);
  });

  it('says behind schedule later in the month for whoever has less than the part of the target due', async () => {
    const { queries, enter } = setUp('2026-12-24T10:00:00Z');
    // 23 days over, 16 counting of 31: Anna owes 8.3 of 16 hours, Bert and Cato 6.2 of 12.
    await enter(ANNA, '2026-12-02', 540);
    await enter(BERT, '2026-12-03', 300);
    await enter(CATO, '2026-12-03', 420);
    const rows = byId(await queries.monthGrid(organiser, ORG, '2026-12'));
    expect(rows[ANNA].standing).toEqual({ status: 'ON_SCHEDULE', expectedHours: 8.3 });
    expect(rows[BERT].standing).toEqual({ status: 'BEHIND_SCHEDULE', expectedHours: 6.2 });
    expect(rows[CATO].standing).toEqual({ status: 'ON_SCHEDULE', expectedHours: 6.2 });
  });

  it('shows a closed month as its close judged it, with the flag; an open month that is over against the whole target', async () => {
    const { queries, enter, close } = setUp('2026-12-05T10:00:00Z');
    await enter(ANNA, '2026-09-10', 60);
    await enter(ANNA, '2026-10-10', 60);
    await enter(BERT, '2026-10-10', 720);
    await enter(CATO, '2026-11-10', 60);
    await close.execute({ kind: 'AUTOMATIC' }, ORG, '2026-09');
    await close.execute({ kind: 'AUTOMATIC' }, ORG, '2026-10');

    const october = byId(await queries.monthGrid(organiser, ORG, '2026-10'));
    expect(october[ANNA]).toMatchObject({
      targetHours: 16,
      standing: { status: 'BELOW_TARGET', expectedHours: 16 },
      flagged: true,
    });
    expect(october[BERT]).toMatchObject({ standing: { status: 'ON_TARGET', expectedHours: 12 }, flagged: false });

    // November is over but not closed: compared with the whole target, no flag yet.
    const november = byId(await queries.monthGrid(organiser, ORG, '2026-11'));
    expect(november[CATO]).toMatchObject({ standing: { status: 'BELOW_TARGET', expectedHours: 12 }, flagged: null });

    const year = await queries.participantYear(organiser, ANNA, 2026);
    const month = (m: string) => year.months.find((x) => x.month === m)!;
    expect(month('2026-09')).toMatchObject({ countedHours: 1, standing: { status: 'BELOW_TARGET' }, flagged: false });
    expect(month('2026-10')).toMatchObject({ countedHours: 1, standing: { status: 'BELOW_TARGET' }, flagged: true });
    expect(month('2026-11')).toMatchObject({ standing: { status: 'BELOW_TARGET' }, flagged: null });
    expect(month('2026-12')).toMatchObject({ standing: { status: 'ON_SCHEDULE', expectedHours: 0 }, flagged: null });
    // Before the trajectory started: nothing to judge.
    expect(month('2026-08')).toMatchObject({ standing: { status: 'NOT_ACTIVE', expectedHours: 0 }, flagged: null });
  });
});

describe('the month grid of an organisation outside the caller’s scope', () => {
  it('answers 404 without reading the roster', async () => {
    const { queries, roster } = setUp('2026-12-05T10:00:00Z');
    const stranger: Principal = { ...organiser, organisationIds: ['org-elders'] };
    const nowhere: Principal = { userId: 'manager-1', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: null };
    for (const principal of [stranger, nowhere]) {
      await expect(queries.monthGrid(principal, ORG, '2026-11')).rejects.toMatchObject({
        code: 'HOURS.ORGANISATION_NOT_FOUND',
      });
    }
    expect(roster.lists).toBe(0);
    expect((await queries.monthGrid(organiser, ORG, '2026-11')).map((row) => row.participantId).sort()).toEqual(
      [ANNA, BERT, CATO].sort(),
    );
    expect(roster.lists).toBe(1);
  });
});
