import { DomainError } from '@stapsteen/errors';
import { brusselsDateOf } from '../../shared/brussels-time';
import type { TrajectoryWindow } from './eligibility';
import {
  Authoring,
  CapPolicy,
  ParticipantYear,
  countedInMonth,
  correctPrestation,
  deletePrestation,
  emptyYear,
  minutesOnDay,
  recordPrestation,
  totalsFor,
} from './participant-year';
import { PrestationFacts, countedHoursOf } from './prestation';

const policy: CapPolicy = { monthlyCap: 60, yearlyCap: 630, dailyMaximumMinutes: 720 };
const trajectories: TrajectoryWindow[] = [
  { trajectoryId: 't-1', startedOn: '2025-06-02', endedOn: null, suspensions: [] },
];
const authoring: Authoring = {
  by: 'organiser-1',
  at: '2026-12-31T12:00:00Z',
  today: '2026-12-31',
  closedMonths: new Set(),
};
const participant = { participantId: 'p-1', organisationId: 'org-neteland', regionId: 'region-kempen' };

const facts = (date: string, minutes: number): PrestationFacts => ({
  date,
  minutes,
  gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
  activity: 'Middagtoezicht',
  kilometres: null,
});

let sequence = 0;
function add(year: ParticipantYear, date: string, minutes: number): ParticipantYear {
  return recordPrestation(year, `pr-${++sequence}`, facts(date, minutes), authoring, trajectories, policy).year;
}

function refusal(attempt: () => unknown): DomainError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the prestation was accepted');
}

/** A year with `hours` counted in each listed month, entered as whole hours. */
function yearWith(counted: Record<string, number>): ParticipantYear {
  let year = emptyYear(participant, 2026);
  for (const [month, hours] of Object.entries(counted)) {
    let left = hours;
    let day = 1;
    while (left > 0) {
      const h = Math.min(left, 8);
      year = add(year, `${month}-${String(day++).padStart(2, '0')}`, h * 60);
      left -= h;
    }
  }
  return year;
}

describe('counting hours', () => {
  it('counts one hour per started hour: 2h15 counts 3', () => {
    expect(countedHoursOf(135)).toBe(3);
  });

  it('counts a one-minute prestation as a whole hour', () => {
    expect(countedHoursOf(1)).toBe(1);
  });

  it('counts exactly 60 minutes as one hour, 61 as two', () => {
    expect(countedHoursOf(60)).toBe(1);
    expect(countedHoursOf(61)).toBe(2);
  });

  it('refuses zero, negative and absurd durations', () => {
    for (const minutes of [0, -30, 12 * 60 + 1, 1.5]) expect(() => countedHoursOf(minutes)).toThrow(DomainError);
  });
});

describe('the 60-hour monthly cap', () => {
  it('accepts the hour that brings a month from 59 to exactly 60', () => {
    const year = add(yearWith({ '2026-03': 59 }), '2026-03-28', 60);
    expect(countedInMonth(year, '2026-03')).toBe(60);
  });

  it('refuses an hour on top of 60, naming the cap, what is counted and what remains', () => {
    const full = yearWith({ '2026-03': 60 });
    const error = refusal(() => add(full, '2026-03-30', 1));
    expect(error.code).toBe('HOURS.MONTHLY_CAP_EXCEEDED');
    expect(error.facts).toEqual({ cap: 60, month: '2026-03', alreadyCounted: 60, requested: 1, stillAllowed: 0 });
  });

  it('refuses a 2h15 prestation when only two hours remain, because it counts three', () => {
    const error = refusal(() => add(yearWith({ '2026-04': 58 }), '2026-04-29', 135));
    expect(error.facts).toMatchObject({ alreadyCounted: 58, requested: 3, stillAllowed: 2 });
  });

  it('counts a full month apart from the next one', () => {
    const year = add(yearWith({ '2026-05': 60 }), '2026-06-01', 480);
    expect(countedInMonth(year, '2026-06')).toBe(8);
  });
});

describe('the 630-hour yearly cap', () => {
  const busyYear = {
    '2026-01': 60,
    '2026-02': 60,
    '2026-03': 60,
    '2026-04': 60,
    '2026-05': 60,
    '2026-06': 60,
    '2026-07': 60,
    '2026-08': 60,
    '2026-09': 60,
    '2026-10': 60,
  };

  it('accepts November hours up to exactly 630', () => {
    // 600 by the end of October, then 12 + 12 + 6 hours in November.
    const year = add(add(add(yearWith(busyYear), '2026-11-03', 720), '2026-11-04', 720), '2026-11-05', 360);
    expect(totalsFor(year, '2026-11', policy)).toMatchObject({
      yearCounted: 630,
      yearRemaining: 0,
      monthRemaining: 0,
    });
  });

  it('refuses the next hour once 630 is reached in November, although the month has room', () => {
    const year = add(add(add(yearWith(busyYear), '2026-11-03', 720), '2026-11-04', 720), '2026-11-05', 360);
    const error = refusal(() => add(year, '2026-11-20', 60));
    expect(error.code).toBe('HOURS.YEARLY_CAP_EXCEEDED');
    expect(error.facts).toMatchObject({ cap: 630, alreadyCounted: 630, stillAllowed: 0 });
  });

  it('shows the remaining hours of the month limited by what the year still allows', () => {
    const year = add(yearWith(busyYear), '2026-11-03', 600);
    expect(totalsFor(year, '2026-11', policy)).toMatchObject({
      monthCounted: 10,
      monthRemaining: 20,
      yearRemaining: 20,
    });
  });

  it('starts every calendar year from zero: a prestation of 1 January belongs to the new year', () => {
    const error = refusal(() => add(yearWith({}), '2027-01-01', 60));
    expect(error.code).toBe('HOURS.WRONG_YEAR');
  });
});

describe('Belgian calendar days', () => {
  it('puts a prestation at 23:30 on 31 January (winter time) in January', () => {
    expect(brusselsDateOf(new Date('2026-01-31T22:30:00Z'))).toBe('2026-01-31');
  });

  it('puts a prestation at 23:30 on 31 July (summer time) in July', () => {
    expect(brusselsDateOf(new Date('2026-07-31T21:30:00Z'))).toBe('2026-07-31');
  });

  it('puts 00:30 on 1 April in Brussels in April, while it is still 31 March in UTC', () => {
    expect(brusselsDateOf(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
  });

  it('puts 00:30 on 1 January in Brussels in the new year', () => {
    expect(brusselsDateOf(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });
});

describe('who may have hours on a date', () => {
  it('refuses a date before the trajectory started', () => {
    const late: TrajectoryWindow[] = [{ trajectoryId: 't', startedOn: '2026-05-04', endedOn: null, suspensions: [] }];
    const error = refusal(() =>
      recordPrestation(emptyYear(participant, 2026), 'x', facts('2026-05-01', 60), authoring, late, policy),
    );
    expect(error.code).toBe('HOURS.BEFORE_TRAJECTORY_START');
  });

  it('refuses a day on which the trajectory was suspended', () => {
    const suspended: TrajectoryWindow[] = [
      {
        trajectoryId: 't',
        startedOn: '2026-01-05',
        endedOn: null,
        suspensions: [{ from: '2026-05-04', until: '2026-05-18' }],
      },
    ];
    const error = refusal(() =>
      recordPrestation(emptyYear(participant, 2026), 'x', facts('2026-05-10', 60), authoring, suspended, policy),
    );
    expect(error.code).toBe('HOURS.TRAJECTORY_SUSPENDED');
  });

  it('refuses a participant whose trajectory never started', () => {
    const error = refusal(() =>
      recordPrestation(emptyYear(participant, 2026), 'x', facts('2026-05-10', 60), authoring, [], policy),
    );
    expect(error.code).toBe('HOURS.NO_ACTIVE_TRAJECTORY');
  });

  it('refuses hours in the future', () => {
    const error = refusal(() =>
      recordPrestation(
        emptyYear(participant, 2026),
        'x',
        facts('2026-12-31', 60),
        { ...authoring, today: '2026-12-30' },
        trajectories,
        policy,
      ),
    );
    expect(error.code).toBe('HOURS.DATE_IN_FUTURE');
  });

  it('asks for a reason, and marks the prestation late, in a closed month', () => {
    const closed = { ...authoring, closedMonths: new Set(['2026-10']) };
    expect(
      refusal(() =>
        recordPrestation(emptyYear(participant, 2026), 'x', facts('2026-10-10', 60), closed, trajectories, policy),
      ).code,
    ).toBe('HOURS.REASON_REQUIRED_AFTER_CLOSE');
    const { prestation } = recordPrestation(
      emptyYear(participant, 2026),
      'x',
      facts('2026-10-10', 60),
      { ...closed, reason: 'Formulier laat binnen' },
      trajectories,
      policy,
    );
    expect(prestation.late).toBe(true);
    expect(prestation.history[0]).toMatchObject({ reason: 'Formulier laat binnen', before: null });
  });
});

describe('changes that touch a closed month', () => {
  const januaryClosed: Authoring = { ...authoring, closedMonths: new Set(['2026-01']), reason: 'Foute maand' };
  const januaryPrestation = () => add(emptyYear(participant, 2026), '2026-01-15', 120);

  it('marks a correction late when the prestation leaves a closed month for an open one', () => {
    const year = januaryPrestation();
    const { prestation } = correctPrestation(
      year,
      year.prestations[0].id,
      facts('2026-02-16', 120),
      januaryClosed,
      trajectories,
      policy,
    );
    expect(prestation.late).toBe(true);
    expect(prestation.history).toEqual([
      expect.objectContaining({
        late: true,
        reason: 'Foute maand',
        before: expect.objectContaining({ date: '2026-01-15' }),
      }),
    ]);
  });

  it('marks a correction late when the prestation enters a closed month', () => {
    const year = add(emptyYear(participant, 2026), '2026-02-16', 120);
    const { prestation } = correctPrestation(
      year,
      year.prestations[0].id,
      facts('2026-01-15', 120),
      januaryClosed,
      trajectories,
      policy,
    );
    expect(prestation.late).toBe(true);
  });

  it('leaves a correction between open months on time', () => {
    const year = add(emptyYear(participant, 2026), '2026-02-16', 120);
    const { prestation } = correctPrestation(
      year,
      year.prestations[0].id,
      facts('2026-03-02', 120),
      januaryClosed,
      trajectories,
      policy,
    );
    expect(prestation.late).toBe(false);
    expect(prestation.history[0].late).toBe(false);
  });

  it('marks the deletion of a closed month’s prestation late, and an open month’s not', () => {
    const year = add(januaryPrestation(), '2026-02-16', 60);
    const [january, february] = year.prestations;
    expect(deletePrestation(year, january.id, januaryClosed).prestation).toMatchObject({ deleted: true, late: true });
    expect(deletePrestation(year, february.id, januaryClosed).prestation).toMatchObject({ deleted: true, late: false });
  });

  it('asks a late entry for a reason naming the closed month', () => {
    const error = refusal(() =>
      recordPrestation(
        emptyYear(participant, 2026),
        'x',
        facts('2026-01-20', 60),
        { ...januaryClosed, reason: undefined },
        trajectories,
        policy,
      ),
    );
    expect(error.code).toBe('HOURS.REASON_REQUIRED_AFTER_CLOSE');
    expect(error.facts).toEqual({ month: '2026-01' });
  });
});

describe('the daily maximum', () => {
  it('accepts a day up to exactly the maximum and refuses the minute above it', () => {
    const year = add(add(emptyYear(participant, 2026), '2026-05-04', 600), '2026-05-04', 120);
    expect(minutesOnDay(year, '2026-05-04')).toBe(720);
    const error = refusal(() => add(year, '2026-05-04', 1));
    expect(error.code).toBe('HOURS.DAY_LIMIT_EXCEEDED');
    expect(error.facts).toEqual({
      date: '2026-05-04',
      maximumMinutes: 720,
      alreadyMinutes: 720,
      requestedMinutes: 1,
      remainingMinutes: 0,
    });
  });

  it('counts minutes worked, not counted hours: 6 h 30 and 5 h 30 make 12 h although they count 13', () => {
    const year = add(add(emptyYear(participant, 2026), '2026-05-04', 390), '2026-05-04', 330);
    expect(totalsFor(year, '2026-05', policy).monthCounted).toBe(13);
    expect(minutesOnDay(year, '2026-05-04')).toBe(720);
  });

  it('ignores deleted prestations and other days', () => {
    let year = add(add(emptyYear(participant, 2026), '2026-05-04', 600), '2026-05-05', 720);
    year = deletePrestation(year, year.prestations[0].id, { ...authoring, reason: 'Dubbel' }).year;
    expect(minutesOnDay(year, '2026-05-04')).toBe(0);
    expect(() => add(year, '2026-05-04', 720)).not.toThrow();
  });

  it('never allows more than 24 hours, whatever the policy says', () => {
    const wide = { ...policy, dailyMaximumMinutes: 5000 };
    let year = emptyYear(participant, 2026);
    for (const id of ['a', 'b'])
      year = recordPrestation(year, id, facts('2026-05-04', 720), authoring, trajectories, wide).year;
    const error = refusal(() => recordPrestation(year, 'c', facts('2026-05-04', 1), authoring, trajectories, wide));
    expect(error.facts).toMatchObject({ maximumMinutes: 1440, remainingMinutes: 0 });
  });
});
