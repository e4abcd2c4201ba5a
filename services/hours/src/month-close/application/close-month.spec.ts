import type { Principal } from '@stapsteen/auth';
import { TOPICS } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import {
  InMemoryMonthCloses,
  InMemoryParticipantYears,
  InMemoryRoster,
  InMemoryTargetSettings,
  clockAt,
} from '../../../test/in-memory-hours';
import type { RosterEntry } from '../../participants/application/participant-roster';
import { PrestationCommands } from '../../prestations/application/prestation-commands';
import { DEFAULT_ALLOWANCE_RATES } from '../../prestations/domain/allowance';
import { CloseMonthHandler } from './close-month';

const ORG = 'org-neteland';
const BUSY = '11111111-1111-4111-8111-111111111111';
const LOW = '22222222-2222-4222-8222-222222222222';
const IDLE = '33333333-3333-4333-8333-333333333333';
const LATER = '44444444-4444-4444-8444-444444444444';
const ELSEWHERE = '55555555-5555-4555-8555-555555555555';
const organiser: Principal = { userId: 'organiser-1', role: 'ORGANISER', organisationIds: [ORG], regionId: 'r-kempen' };

const person = (participantId: string, startedOn: string, extra: Partial<RosterEntry> = {}): RosterEntry => ({
  participantId,
  organisationId: ORG,
  regionId: 'r-kempen',
  displayName: 'Deelnemer',
  coachId: null,
  monthlyHoursTarget: 20,
  exPwa: false,
  trajectories: [{ trajectoryId: `t-${participantId}`, startedOn, endedOn: null, suspensions: [] }],
  ...extra,
});

/** 5 November 2026 in Brussels: October is over, November is not. */
function setUp(now = '2026-11-05T10:00:00Z') {
  const closes = new InMemoryMonthCloses();
  const years = new InMemoryParticipantYears();
  const targets = new InMemoryTargetSettings();
  const roster = new InMemoryRoster([
    person(BUSY, '2026-09-01'),
    person(LOW, '2026-09-01'),
    person(IDLE, '2026-09-01'),
    // Starts after October: not judged for it.
    person(LATER, '2026-11-02'),
    person(ELSEWHERE, '2026-09-01', { organisationId: 'org-herentals' }),
  ]);
  const clock = clockAt(now);
  const stored: string[] = [];
  const handler = new CloseMonthHandler(closes, years, roster, targets, clock, DEFAULT_ALLOWANCE_RATES, (id) =>
    stored.push(id),
  );
  const commands = new PrestationCommands(years, roster, closes, clock, {
    monthlyCap: 60,
    yearlyCap: 630,
    dailyMaximumMinutes: 720,
  });
  const enter = (participantId: string, date: string, minutes: number, kilometres: number | null = null) =>
    commands.record(organiser, {
      participantId,
      date,
      minutes,
      kilometres,
      gebruiker: { kind: 'NON_PROFIT', reference: 'Kringwinkel' },
      activity: 'Sorteren',
    });
  return { handler, closes, years, targets, roster, commands, enter, stored };
}

async function refusal(attempt: Promise<unknown>): Promise<DomainError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the close was accepted');
}

describe('closing a month', () => {
  it('judges every active participant, including one without prestations, and stores the events with the close', async () => {
    const { handler, closes, enter, stored } = setUp();
    await enter(BUSY, '2026-10-06', 720, 14);
    await enter(BUSY, '2026-10-07', 720);
    await enter(BUSY, '2026-09-15', 60);
    await enter(LOW, '2026-10-08', 600);
    // September: everyone below target, a first month, so nobody is flagged yet.
    const september = await handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-09');
    expect(september.results.map((r) => [r.belowTarget, r.flagged])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(closes.eventsOf(ORG, '2026-09').filter((e) => e.envelope.type === 'participant.low-hours-flagged')).toEqual(
      [],
    );

    const close = await handler.execute({ kind: 'ORGANISER', principal: organiser }, ORG, '2026-10');

    expect(close).toMatchObject({
      organisationId: ORG,
      month: '2026-10',
      closedAt: '2026-11-05T10:00:00.000Z',
      closedBy: 'ORGANISER',
      closedByUser: 'organiser-1',
      flagAfterMonthsBelow: 2,
    });
    const byId = Object.fromEntries(close.results.map((r) => [r.participantId, r]));
    expect(Object.keys(byId).sort()).toEqual([BUSY, LOW, IDLE].sort());
    expect(byId[BUSY]).toMatchObject({ countedHours: 24, targetHours: 20, belowTarget: false, flagged: false });
    expect(byId[LOW]).toMatchObject({ countedHours: 10, belowTarget: true, consecutiveMonthsBelow: 2, flagged: true });
    expect(byId[IDLE]).toMatchObject({ countedHours: 0, belowTarget: true, consecutiveMonthsBelow: 2, flagged: true });
    expect(stored).toEqual([`${ORG}:2026-09`, `${ORG}:2026-10`]);
    expect(await closes.closedMonths(ORG)).toEqual(new Set(['2026-09', '2026-10']));

    const events = closes.eventsOf(ORG, '2026-10');
    expect(events.every((e) => e.topic === TOPICS.hours && e.envelope.producer === 'hours')).toBe(true);
    const of = (type: string, key: string) => events.filter((e) => e.envelope.type === type && e.key === key);
    expect(of('hours.participant-month-closed', BUSY).map((e) => e.envelope.data)).toEqual([
      {
        participantId: BUSY,
        organisationId: ORG,
        regionId: 'r-kempen',
        month: '2026-10',
        countedHours: 24,
        targetHours: 20,
        yearCountedHours: 25,
        // 24 counted hours at EUR 4.10, and 14 km at EUR 0.15.
        allowanceCents: 24 * 410 + 14 * 15,
      },
    ]);
    expect(of('participant.low-hours-flagged', LOW).map((e) => e.envelope.data)).toEqual([
      expect.objectContaining({ countedHours: 10, targetHours: 20, consecutiveMonthsBelow: 2, severity: 'MEDIUM' }),
    ]);
    expect(of('participant.low-hours-flagged', IDLE)).toHaveLength(1);
    expect(of('participant.low-hours-flagged', BUSY)).toHaveLength(0);
    expect(of('hours.participant-month-closed', LATER)).toHaveLength(0);
    const summary = of('hours.month-closed', ORG);
    expect(summary).toHaveLength(1);
    expect(summary[0].envelope.data).toMatchObject({ organisationId: ORG, month: '2026-10', closedBy: 'ORGANISER' });
    expect((summary[0].envelope.data.participants as unknown[]).length).toBe(3);
    expect(events).toHaveLength(3 + 2 + 1);
  });

  it('clears the flag of a participant back at target, and makes a third month below target high severity', async () => {
    const { handler, closes, enter } = setUp('2026-12-03T10:00:00Z');
    await enter(LOW, '2026-10-08', 600);
    await handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-09');
    await handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-10');
    await enter(LOW, '2026-11-03', 720);
    await enter(LOW, '2026-11-04', 720);

    const november = await handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-11');

    expect(november).toMatchObject({ closedBy: 'AUTOMATIC', closedByUser: null });
    const events = closes.eventsOf(ORG, '2026-11');
    const of = (type: string, key: string) =>
      events.filter((e) => e.envelope.type === type && e.key === key).map((e) => e.envelope.data);
    expect(of('participant.low-hours-cleared', LOW)).toEqual([
      expect.objectContaining({ countedHours: 24, targetHours: 20 }),
    ]);
    expect(of('participant.low-hours-flagged', IDLE)).toEqual([
      expect.objectContaining({ consecutiveMonthsBelow: 3, severity: 'HIGH' }),
    ]);
    expect(of('participant.low-hours-flagged', LOW)).toEqual([]);
  });

  it('judges by the organisation’s own number of months: 1 flags the first month below target', async () => {
    const { handler, closes, targets } = setUp();
    targets.set(ORG, { steps: [], flagAfterMonthsBelow: 1 });
    const close = await handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-10');
    expect(close.flagAfterMonthsBelow).toBe(1);
    expect(
      close.results
        .filter((r) => r.flagged)
        .map((r) => r.participantId)
        .sort(),
    ).toEqual([BUSY, LOW, IDLE].sort());
    const flags = closes.eventsOf(ORG, '2026-10').filter((e) => e.envelope.type === 'participant.low-hours-flagged');
    expect(flags.map((e) => e.envelope.data)).toEqual(
      [BUSY, LOW, IDLE].map(() => expect.objectContaining({ consecutiveMonthsBelow: 1, severity: 'MEDIUM' })),
    );
  });

  it('flags a falling trend that ends below target before the months in a row add up', async () => {
    const { handler, closes, targets, enter } = setUp('2026-12-03T10:00:00Z');
    targets.set(ORG, { steps: [], flagAfterMonthsBelow: 3 });
    // LOW: 26, 22, then 18 hours against 20.
    for (const [date, minutes] of [
      ['2026-09-07', 720],
      ['2026-09-08', 720],
      ['2026-09-09', 120],
      ['2026-10-07', 720],
      ['2026-10-08', 600],
      ['2026-11-09', 720],
      ['2026-11-10', 360],
    ] as const)
      await enter(LOW, date, minutes);
    for (const month of ['2026-09', '2026-10', '2026-11']) await handler.execute({ kind: 'AUTOMATIC' }, ORG, month);
    const flags = closes
      .eventsOf(ORG, '2026-11')
      .filter((e) => e.envelope.type === 'participant.low-hours-flagged' && e.key === LOW);
    expect(flags.map((e) => e.envelope.data)).toEqual([
      expect.objectContaining({ countedHours: 18, consecutiveMonthsBelow: 1, fallingTrend: true, severity: 'MEDIUM' }),
    ]);
  });

  it('takes the organisation’s target ramp for a participant without a target of their own', async () => {
    const { handler, targets, roster } = setUp();
    roster.add(person(IDLE, '2026-09-01', { monthlyHoursTarget: null }));
    targets.set(ORG, {
      steps: [
        { fromTrajectoryMonth: 1, hours: 8 },
        { fromTrajectoryMonth: 2, hours: 12 },
      ],
    });
    const close = await handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-10');
    expect(close.results.find((r) => r.participantId === IDLE)?.targetHours).toBe(12);
  });

  it('refuses a month that is not over, a second close, and an organiser of another organisation', async () => {
    const { handler, closes } = setUp();
    const notOver = await refusal(handler.execute({ kind: 'ORGANISER', principal: organiser }, ORG, '2026-11'));
    expect(notOver).toMatchObject({ code: 'HOURS.MONTH_NOT_OVER', facts: { month: '2026-11' } });
    const stranger: Principal = { ...organiser, userId: 'organiser-2', organisationIds: ['org-herentals'] };
    expect((await refusal(handler.execute({ kind: 'ORGANISER', principal: stranger }, ORG, '2026-10'))).code).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(await closes.closedMonths(ORG)).toEqual(new Set());

    await handler.execute({ kind: 'ORGANISER', principal: organiser }, ORG, '2026-10');
    const twice = await refusal(handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-10'));
    expect(twice.code).toBe('HOURS.MONTH_ALREADY_CLOSED');
    expect(closes.eventsOf(ORG, '2026-10').filter((e) => e.envelope.type === 'hours.month-closed')).toHaveLength(1);
  });

  it('makes every later change that touches the closed month late, also a move out of it', async () => {
    const { handler, commands, enter } = setUp();
    const { prestation } = await enter(BUSY, '2026-10-06', 120);
    await handler.execute({ kind: 'ORGANISER', principal: organiser }, ORG, '2026-10');

    const moved = await commands.correct(
      organiser,
      { participantId: BUSY, year: 2026, prestationId: prestation.id },
      {
        date: '2026-11-03',
        minutes: 120,
        gebruiker: prestation.gebruiker,
        activity: prestation.activity,
        reason: 'Hoorde bij november',
      },
    );
    expect(moved.prestation).toMatchObject({ date: '2026-11-03', late: true });
    expect(moved.prestation.history.at(-1)).toMatchObject({ late: true, reason: 'Hoorde bij november' });
  });

  it('tells the organisation’s month in parts of at most 2,000 lines, the broker refusing a message over 1 MB', async () => {
    const { handler, closes, roster } = setUp();
    const many = Array.from({ length: 4500 }, (_, i) => `${String(i).padStart(8, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`);
    for (const id of many) roster.add(person(id, '2026-09-01'));
    await handler.execute({ kind: 'AUTOMATIC' }, ORG, '2026-10');

    const parts = closes.eventsOf(ORG, '2026-10').filter((e) => e.envelope.type === 'hours.month-closed');
    const lines = parts.map((e) => e.envelope.data.participants as Array<{ participantId: string }>);
    expect(lines.map((l) => l.length)).toEqual([2000, 2000, 503]);
    expect(
      lines
        .flat()
        .map((l) => l.participantId)
        .sort(),
    ).toEqual([BUSY, LOW, IDLE, ...many].sort());
    expect(parts.every((e) => e.key === ORG)).toBe(true);
    expect(Math.max(...parts.map((e) => JSON.stringify(e.envelope).length))).toBeLessThan(512 * 1024);
  });
});
