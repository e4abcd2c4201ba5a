import { DomainError } from '@stapsteen/errors';
import { brusselsDateOf } from '../../shared/brussels-time';
import type { TrajectoryWindow } from './eligibility';
import {
  Authoring,
  CapPolicy,
  ParticipantYear,
  countedInMonth,
  emptyYear,
  recordPrestation,
  totalsFor,
} from './participant-year';
import { PrestationFacts, countedHoursOf } from './prestation';

const policy: CapPolicy = { monthlyCap: 60, yearlyCap: 630 };
const trajectories: TrajectoryWindow[] = [
  { trajectoryId: 't-1', startedOn: '2025-06-02', endedOn: null, suspensions: [] },
];
const authoring: Authoring = { by: 'organiser-1', at: '2026-12-31T12:00:00Z', today: '2026-12-31', monthClosed: false };
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
    const closed = { ...authoring, monthClosed: true };
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
