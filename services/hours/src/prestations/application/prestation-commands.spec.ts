import type { Principal } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { InMemoryMonthCloses, InMemoryParticipantYears, InMemoryRoster, clockAt } from '../../../test/in-memory-hours';
import type { RosterEntry } from '../../participants/application/participant-roster';
import { PrestationCommands, PrestationInput } from './prestation-commands';

const ORG = 'org-neteland';
const PARTICIPANT = '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c';
const organiser: Principal = {
  userId: 'organiser-neteland',
  role: 'ORGANISER',
  organisationIds: [ORG],
  regionId: 'region-kempen',
};
const participant: RosterEntry = {
  participantId: PARTICIPANT,
  organisationId: ORG,
  regionId: 'region-kempen',
  displayName: 'Greet V.',
  coachId: null,
  monthlyHoursTarget: 20,
  exPwa: false,
  trajectories: [{ trajectoryId: 't-1', startedOn: '2025-09-01', endedOn: null, suspensions: [] }],
};
const policy = { monthlyCap: 60, yearlyCap: 630, dailyMaximumMinutes: 720 };

function setUp(options: { dailyMaximumMinutes?: number } = {}) {
  const years = new InMemoryParticipantYears();
  const closes = new InMemoryMonthCloses();
  const roster = new InMemoryRoster([participant]);
  // 10 March 2026 in Brussels; a test closes January (paid) when it needs a closed month.
  const commands = new PrestationCommands(years, roster, closes, clockAt('2026-03-10T11:00:00Z'), {
    ...policy,
    ...options,
  });
  return { commands, years, closes };
}

const entry = (date: string, minutes: number, extra: Partial<PrestationInput> = {}): PrestationInput => ({
  participantId: PARTICIPANT,
  date,
  minutes,
  gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
  activity: 'Middagtoezicht',
  ...extra,
});
const facts = (date: string, minutes: number, reason?: string) => {
  const { participantId: _p, ...rest } = entry(date, minutes, { reason });
  return rest;
};
const at = (prestationId: string, year = 2026) => ({ participantId: PARTICIPANT, year, prestationId });

async function refusal(attempt: Promise<unknown>): Promise<DomainError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the change was accepted');
}

/** A prestation entered in January, after which January is closed (and paid). */
async function enteredBeforeClose(commands: PrestationCommands, closes: InMemoryMonthCloses, date: string) {
  const { prestation } = await commands.record(organiser, entry(date, 120));
  closes.markClosed(ORG, '2026-01');
  return prestation;
}

describe('entering a prestation', () => {
  it('stores it with its counted hours and answers the month’s totals', async () => {
    const { commands, years } = setUp();
    const outcome = await commands.record(organiser, entry('2026-02-03', 135));
    expect(outcome.prestation).toMatchObject({ date: '2026-02-03', minutes: 135, countedHours: 3, late: false });
    expect(outcome.totals).toEqual({
      month: '2026-02',
      monthCounted: 3,
      monthRemaining: 57,
      yearCounted: 3,
      yearRemaining: 627,
    });
    expect(years.get(PARTICIPANT, 2026)?.prestations.map((p) => p.id)).toEqual([outcome.prestation.id]);
  });

  it('refuses an entry in a closed month without a reason and stores nothing', async () => {
    const { commands, years, closes } = setUp();
    closes.markClosed(ORG, '2026-01');
    const error = await refusal(commands.record(organiser, entry('2026-01-20', 60)));
    expect(error.code).toBe('HOURS.REASON_REQUIRED_AFTER_CLOSE');
    expect(error.facts).toEqual({ month: '2026-01' });
    expect(years.get(PARTICIPANT, 2026)).toBeNull();
  });

  it('marks an entry in a closed month late and keeps its reason', async () => {
    const { commands, closes } = setUp();
    closes.markClosed(ORG, '2026-01');
    const { prestation } = await commands.record(
      organiser,
      entry('2026-01-20', 60, { reason: 'Formulier laat binnen' }),
    );
    expect(prestation.late).toBe(true);
    expect(prestation.history).toEqual([
      expect.objectContaining({ by: 'organiser-neteland', reason: 'Formulier laat binnen', late: true, before: null }),
    ]);
  });

  it('refuses the hour above 60 in a month, leaving the stored 60 as they were', async () => {
    const { commands, years } = setUp();
    for (const day of ['02', '03', '04', '05', '06']) await commands.record(organiser, entry(`2026-02-${day}`, 720));
    const error = await refusal(commands.record(organiser, entry('2026-02-09', 1)));
    expect(error.code).toBe('HOURS.MONTHLY_CAP_EXCEEDED');
    expect(error.facts).toEqual({ cap: 60, month: '2026-02', alreadyCounted: 60, requested: 1, stillAllowed: 0 });
    expect(years.get(PARTICIPANT, 2026)?.prestations).toHaveLength(5);
  });

  it('hides a participant of another organisation and refuses a regional manager', async () => {
    const { commands } = setUp();
    const stranger: Principal = { ...organiser, userId: 'other', organisationIds: ['org-herentals'] };
    expect((await refusal(commands.record(stranger, entry('2026-02-03', 60)))).code).toBe(
      'HOURS.PARTICIPANT_NOT_FOUND',
    );
    const manager: Principal = {
      userId: 'm',
      role: 'REGIONAL_MANAGER',
      organisationIds: [],
      regionId: 'region-kempen',
    };
    expect((await refusal(commands.record(manager, entry('2026-02-03', 60)))).code).toBe('AUTH.OUT_OF_SCOPE');
  });
});

describe('the daily maximum (12 hours by default)', () => {
  it('accepts 8 h and 4 h on one day, refuses one more minute and says no minutes are left', async () => {
    const { commands, years } = setUp();
    await commands.record(organiser, entry('2026-02-05', 480));
    await commands.record(organiser, entry('2026-02-05', 240));
    const error = await refusal(commands.record(organiser, entry('2026-02-05', 1)));
    expect(error.code).toBe('HOURS.DAY_LIMIT_EXCEEDED');
    expect(error.facts).toEqual({
      date: '2026-02-05',
      maximumMinutes: 720,
      alreadyMinutes: 720,
      requestedMinutes: 1,
      remainingMinutes: 0,
    });
    expect(years.get(PARTICIPANT, 2026)?.prestations.map((p) => p.minutes)).toEqual([480, 240]);
  });

  it('refuses the third of three entries that would sum to 24 h 01, naming the minutes left', async () => {
    const { commands } = setUp({ dailyMaximumMinutes: 1440 });
    await commands.record(organiser, entry('2026-02-05', 720));
    await commands.record(organiser, entry('2026-02-05', 700));
    const error = await refusal(commands.record(organiser, entry('2026-02-05', 21)));
    expect(error.facts).toMatchObject({ maximumMinutes: 1440, alreadyMinutes: 1420, remainingMinutes: 20 });
  });

  it('counts a corrected prestation without its old version, and a move into a full day against that day', async () => {
    const { commands } = setUp();
    await commands.record(organiser, entry('2026-02-05', 480));
    const second = await commands.record(organiser, entry('2026-02-05', 240));
    const corrected = await commands.correct(organiser, at(second.prestation.id), facts('2026-02-05', 180, 'Duur'));
    expect(corrected.prestation.minutes).toBe(180);
    const refused = await refusal(commands.correct(organiser, at(second.prestation.id), facts('2026-02-05', 241, 'x')));
    expect(refused.facts).toMatchObject({ alreadyMinutes: 480, requestedMinutes: 241, remainingMinutes: 240 });
    const other = await commands.record(organiser, entry('2026-02-06', 600));
    const moved = await refusal(commands.correct(organiser, at(other.prestation.id), facts('2026-02-05', 600, 'x')));
    expect(moved.facts).toMatchObject({ date: '2026-02-05', alreadyMinutes: 660, remainingMinutes: 60 });
  });

  it('holds when another request filled the day between this request’s read and its write', async () => {
    const { commands, years } = setUp();
    await commands.record(organiser, entry('2026-02-05', 60));
    // Another organiser's 10 hours land first; this request's write finds a newer version, reads
    // again and decides against the new total, as the 60-hour cap does.
    years.beforeNextWrite(() => {
      const year = years.get(PARTICIPANT, 2026)!;
      years.put({
        ...year,
        prestations: [...year.prestations, { ...year.prestations[0], id: 'elsewhere', minutes: 600, countedHours: 10 }],
      });
    });
    const error = await refusal(commands.record(organiser, entry('2026-02-05', 180)));
    expect(error.facts).toMatchObject({ alreadyMinutes: 660, requestedMinutes: 180, remainingMinutes: 60 });
    expect(years.get(PARTICIPANT, 2026)?.prestations.map((p) => p.minutes)).toEqual([60, 600]);
  });
});

describe('correcting a prestation', () => {
  it('keeps who changed what, when and why, and is not late between open months', async () => {
    const { commands } = setUp();
    const { prestation } = await commands.record(organiser, entry('2026-02-03', 60));
    const { prestation: corrected, totals } = await commands.correct(
      organiser,
      at(prestation.id),
      facts('2026-03-02', 90, 'Verkeerde dag'),
    );
    expect(corrected).toMatchObject({ date: '2026-03-02', minutes: 90, countedHours: 2, late: false });
    expect(corrected.history).toEqual([
      {
        at: '2026-03-10T11:00:00.000Z',
        by: 'organiser-neteland',
        reason: 'Verkeerde dag',
        late: false,
        before: expect.objectContaining({ date: '2026-02-03', minutes: 60 }),
        after: expect.objectContaining({ date: '2026-03-02', minutes: 90 }),
      },
    ]);
    expect(totals).toMatchObject({ month: '2026-03', monthCounted: 2, yearCounted: 2 });
  });

  it('is late when it moves a prestation out of a closed month into an open one', async () => {
    const { commands, closes, years } = setUp();
    const january = await enteredBeforeClose(commands, closes, '2026-01-15');
    const { prestation } = await commands.correct(organiser, at(january.id), facts('2026-02-16', 120, 'Andere dag'));
    expect(prestation.late).toBe(true);
    expect(prestation.history.at(-1)).toMatchObject({ late: true, reason: 'Andere dag' });
    expect(years.get(PARTICIPANT, 2026)?.prestations[0]).toMatchObject({ date: '2026-02-16', late: true });
  });

  it('is late when it moves a prestation from an open month into a closed one', async () => {
    const { commands, closes } = setUp();
    closes.markClosed(ORG, '2026-01');
    const { prestation } = await commands.record(organiser, entry('2026-02-16', 120));
    const moved = await commands.correct(organiser, at(prestation.id), facts('2026-01-15', 120, 'Was januari'));
    expect(moved.prestation.late).toBe(true);
    expect(moved.prestation.history.at(-1)?.late).toBe(true);
  });

  it('needs a reason, and changes nothing without one', async () => {
    const { commands, years } = setUp();
    const { prestation } = await commands.record(organiser, entry('2026-02-16', 120));
    const error = await refusal(commands.correct(organiser, at(prestation.id), facts('2026-02-16', 60, '  ')));
    expect(error.code).toBe('HOURS.REASON_REQUIRED');
    expect(years.get(PARTICIPANT, 2026)?.prestations[0]).toMatchObject({ minutes: 120, history: [] });
  });

  it('refuses to move a prestation into another year', async () => {
    const { commands } = setUp();
    const { prestation } = await commands.record(organiser, entry('2026-02-16', 120));
    expect((await refusal(commands.correct(organiser, at(prestation.id), facts('2025-12-16', 60, 'x')))).code).toBe(
      'HOURS.CORRECTION_CROSSES_YEAR',
    );
  });
});

describe('deleting a prestation', () => {
  it('is late when the prestation leaves a closed month, and no longer counts', async () => {
    const { commands, closes } = setUp();
    const january = await enteredBeforeClose(commands, closes, '2026-01-15');
    const { prestation, totals } = await commands.delete(organiser, at(january.id), 'Dubbel ingegeven');
    expect(prestation).toMatchObject({ deleted: true, late: true });
    expect(prestation.history.at(-1)).toMatchObject({ reason: 'Dubbel ingegeven', late: true, after: null });
    expect(totals).toMatchObject({ month: '2026-01', monthCounted: 0, yearCounted: 0 });
  });

  it('is not late in an open month', async () => {
    const { commands } = setUp();
    const { prestation } = await commands.record(organiser, entry('2026-02-16', 120));
    const deleted = await commands.delete(organiser, at(prestation.id), 'Dubbel ingegeven');
    expect(deleted.prestation).toMatchObject({ deleted: true, late: false });
    expect(deleted.prestation.history.at(-1)?.late).toBe(false);
  });

  it('answers not found for a prestation deleted before', async () => {
    const { commands } = setUp();
    const { prestation } = await commands.record(organiser, entry('2026-02-16', 120));
    await commands.delete(organiser, at(prestation.id), 'Dubbel');
    expect(await refusal(commands.delete(organiser, at(prestation.id), 'Dubbel'))).toMatchObject({
      code: 'HOURS.PRESTATION_NOT_FOUND',
    });
  });
});
