import { DomainError } from '@stapsteen/errors';
import { evaluationSchedule, recordEvaluation } from './evaluation';
import { ParticipantState } from './participant';
import { DEFAULT_TRAJECTORY_POLICY } from './trajectory';
import { changeTrajectory } from './trajectory-commands';
import { startedParticipant } from '../../../test/participant-builder';

const later = '2028-12-31';

function startedOn(on: string, exPwa = false): ParticipantState {
  return startedParticipant(on, { enrolledOn: '2025-01-02', exPwa }, later);
}

const current = (s: ParticipantState) => s.trajectories.at(-1)!;

describe('six-monthly evaluations', () => {
  it('comes due every six months from the start, up to the planned end', () => {
    const schedule = evaluationSchedule(current(startedOn('2026-02-02')), '2026-03-01', 6);

    // Planned end 2027-02-01: only the six-month evaluation falls within it.
    expect(schedule.dueDates).toEqual(['2026-08-02']);
    expect(schedule).toMatchObject({ nextDueOn: '2026-08-02', overdue: false });
  });

  it('clamps to the month end and counts each due date from the start (31 Aug → 28 Feb → 31 Aug)', () => {
    const schedule = evaluationSchedule(current(startedOn('2025-08-31', true)), '2026-12-01', 6);

    expect(schedule.dueDates.slice(0, 3)).toEqual(['2026-02-28', '2026-08-31', '2027-02-28']);
  });

  it('is overdue the day after the due date without an evaluation, and not on the day itself', () => {
    const trajectory = current(startedOn('2026-02-02'));

    expect(evaluationSchedule(trajectory, '2026-08-02', 6).overdue).toBe(false);
    expect(evaluationSchedule(trajectory, '2026-08-03', 6).overdue).toBe(true);
  });

  it('moves the next due date on once an evaluation is held, and has none after the end', () => {
    let state = startedOn('2025-08-31', true);
    state = recordEvaluation(state, { heldOn: '2026-03-02', outcome: 'CONTINUE' }, 'coach', later).state;

    expect(evaluationSchedule(current(state), '2026-03-03', 6)).toMatchObject({
      nextDueOn: '2026-08-31',
      overdue: false,
    });
    state = changeTrajectory(
      state,
      { kind: 'end', on: '2026-04-01', destination: 'NEC_JOB' },
      later,
      DEFAULT_TRAJECTORY_POLICY,
    ).state;
    expect(evaluationSchedule(current(state), '2026-12-01', 6).nextDueOn).toBeNull();
  });

  it('refuses an evaluation in the future or before the start', () => {
    const code = (heldOn: string) => {
      try {
        recordEvaluation(startedOn('2026-02-02'), { heldOn, outcome: 'END' }, 'coach', '2026-06-01');
        return 'accepted';
      } catch (error) {
        return (error as DomainError).code;
      }
    };

    expect(code('2026-06-02')).toBe('EVALUATION.DATE_IN_FUTURE');
    expect(code('2026-02-01')).toBe('EVALUATION.DATE_BEFORE_PREVIOUS');
    expect(code('2026-06-01')).toBe('accepted');
  });
});
