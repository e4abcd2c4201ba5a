import { furthestStage, isActiveInMonth, isCoachedInMonth, isExit, nineMonthResultKnown } from './definitions';
import { RosterParticipant, TrajectoryFacts } from './roster';

const trajectory = (facts: Partial<TrajectoryFacts>): TrajectoryFacts => ({
  startedOn: null,
  reReferral: false,
  endedOn: null,
  destination: null,
  positiveOutflow: null,
  dropOff: null,
  inWorkNineMonths: null,
  ...facts,
});
const participant = (
  trajectories: TrajectoryFacts[],
  coaching: RosterParticipant['coaching'] = {},
): RosterParticipant => ({
  referredOn: '2026-01-05',
  birthYearBand: null,
  trajectories: Object.fromEntries(trajectories.map((t, i) => [`t${i}`, t])),
  coaching,
});

describe('KPI definitions', () => {
  it('counts a participant active in every month from the start month to the end month', () => {
    const p = participant([trajectory({ startedOn: '2026-02-27', endedOn: '2026-04-01' })]);
    expect(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((m) => isActiveInMonth(p, m))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('counts a running trajectory active in every later month', () => {
    expect(isActiveInMonth(participant([trajectory({ startedOn: '2026-02-01' })]), '2027-06')).toBe(true);
  });

  it('never counts a referral that did not start as active', () => {
    expect(isActiveInMonth(participant([trajectory({ endedOn: '2026-03-01' })]), '2026-02')).toBe(false);
  });

  it('counts coaching that ran on any day of the month', () => {
    const coaching = { a1: { startedOn: '2026-03-31', endedOn: '2026-05-01' } };
    expect(['2026-02', '2026-03', '2026-05', '2026-06'].map((m) => isCoachedInMonth(coaching, m))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('treats a drop-off before the start as no exit', () => {
    const dropped = trajectory({
      endedOn: '2026-02-01',
      dropOff: { stage: 'INTAKE', reasonCode: 'NOT_REACHED', on: '2026-02-01' },
    });
    expect(isExit(dropped)).toBe(false);
    expect(isExit(trajectory({ startedOn: '2026-01-01', endedOn: '2026-09-01' }))).toBe(true);
  });

  it('knows the nine-month result only once it was recorded', () => {
    const exit = trajectory({ startedOn: '2026-01-01', endedOn: '2026-09-01' });
    expect(nineMonthResultKnown(exit)).toBe(false);
    expect(nineMonthResultKnown({ ...exit, inWorkNineMonths: false })).toBe(true);
  });

  it('places a referral at the furthest funnel stage it reached', () => {
    expect(furthestStage(participant([]))).toBe('REFERRED');
    expect(
      furthestStage(
        participant([trajectory({ dropOff: { stage: 'INTAKE', reasonCode: 'MOBILITY', on: '2026-02-01' } })]),
      ),
    ).toBe('INTAKE');
    expect(furthestStage(participant([trajectory({ startedOn: '2026-02-01' })]))).toBe('STARTED');
  });
});
