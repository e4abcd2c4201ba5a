import {
  emptyRoster,
  eraseParticipant,
  recordCoachingEnd,
  recordCoachingStart,
  recordDropOff,
  recordEnd,
  recordReferral,
  recordStart,
} from './roster';

describe('organisation KPI roster', () => {
  const start = emptyRoster('org-1');

  it('keeps the referral, start and end of a participant under their natural keys', () => {
    let roster = recordReferral(start, 'p1', '2026-01-05', '1987-04-12');
    roster = recordStart(roster, 'p1', 't1', '2026-02-02', false);
    roster = recordEnd(roster, 'p1', 't1', { endedOn: '2026-12-18', destination: 'NEC_JOB', positiveOutflow: true });
    expect(roster.participants.p1).toEqual({
      referredOn: '2026-01-05',
      birthYearBand: '1985-1989',
      trajectories: {
        t1: {
          startedOn: '2026-02-02',
          reReferral: false,
          endedOn: '2026-12-18',
          destination: 'NEC_JOB',
          positiveOutflow: true,
          dropOff: null,
          inWorkNineMonths: null,
        },
      },
      coaching: {},
    });
  });

  it('gives the same roster when the events come twice', () => {
    const once = recordStart(recordReferral(start, 'p1', '2026-01-05', null), 'p1', 't1', '2026-02-02', false);
    const twice = recordStart(recordReferral(once, 'p1', '2026-01-05', null), 'p1', 't1', '2026-02-02', false);
    expect(twice).toEqual(once);
  });

  it('accepts the events of different topics in any order', () => {
    const coachingFirst = recordCoachingEnd(
      recordCoachingStart(recordStart(start, 'p1', 't1', '2026-02-02', false), 'p1', 'a1', '2026-03-01'),
      'p1',
      'a1',
      '2026-05-31',
    );
    const endSeenFirst = recordStart(
      recordCoachingStart(recordCoachingEnd(start, 'p1', 'a1', '2026-05-31'), 'p1', 'a1', '2026-03-01'),
      'p1',
      't1',
      '2026-02-02',
      false,
    );
    expect(endSeenFirst).toEqual(coachingFirst);
  });

  it('takes the referral day from a drop-off when the enrolment was not seen', () => {
    const roster = recordDropOff(start, 'p1', 't1', {
      stage: 'REFERRED',
      reasonCode: 'NOT_REACHED',
      on: '2026-02-10',
      referredOn: '2026-01-20',
    });
    expect(roster.participants.p1.referredOn).toBe('2026-01-20');
  });

  it('moves an erased participant to an anonymous key without the birth-year band', () => {
    const roster = recordStart(
      recordReferral(start, 'p1', '2026-01-05', '1987-04-12'),
      'p1',
      't1',
      '2026-02-02',
      false,
    );
    const erased = eraseParticipant(roster, 'p1', 'erased-x');
    expect(Object.keys(erased.participants)).toEqual(['erased-x']);
    expect(erased.participants['erased-x']).toMatchObject({ referredOn: '2026-01-05', birthYearBand: null });
    expect(erased.participants['erased-x'].trajectories.t1.startedOn).toBe('2026-02-02');
    expect(eraseParticipant(erased, 'p1', 'erased-y')).toBe(erased);
  });
});
