import { esfParticipation } from './esf';
import {
  DEFAULT_TRAJECTORY_POLICY,
  dropOffReferral,
  endTrajectory,
  newTrajectory,
  startTrajectory,
} from './trajectory';

const today = '2027-12-31';
const policy = DEFAULT_TRAJECTORY_POLICY;
const run = (id: string, referredOn: string, startOn: string, endOn: string | null, reReferral: boolean) => {
  const started = startTrajectory(newTrajectory(id, referredOn, reReferral), startOn, today, false, policy);
  return endOn ? endTrajectory(started, endOn, today, 'NEC_JOB', policy) : started;
};

describe('the ESF+ participation of a participant', () => {
  it('counts a re-entry once: the first start stays, the exit moves to the latest exit', () => {
    const first = run('t-1', '2026-01-05', '2026-02-02', '2026-08-31', false);
    const second = run('t-2', '2026-10-01', '2026-10-15', '2027-03-31', true);

    expect(esfParticipation([first, second])).toEqual({
      startOn: '2026-02-02',
      exitOn: '2027-03-31',
      trajectoryCount: 2,
    });
  });

  it('has no exit while the re-entered trajectory is still open', () => {
    const first = run('t-1', '2026-01-05', '2026-02-02', '2026-08-31', false);
    const second = run('t-2', '2026-10-01', '2026-10-15', null, true);

    expect(esfParticipation([first, second])).toEqual({ startOn: '2026-02-02', exitOn: null, trajectoryCount: 2 });
  });

  it('does not count a referral that dropped off before the start', () => {
    const dropped = dropOffReferral(newTrajectory('t-1', '2026-01-05', false), '2026-01-20', today, 'NOT_REACHED');
    const later = run('t-2', '2026-03-01', '2026-03-09', '2026-12-18', true);

    expect(esfParticipation([dropped])).toEqual({ startOn: null, exitOn: null, trajectoryCount: 0 });
    expect(esfParticipation([dropped, later])).toEqual({
      startOn: '2026-03-09',
      exitOn: '2026-12-18',
      trajectoryCount: 1,
    });
  });

  it('keeps the exit of the earlier trajectory while a new referral has not started yet', () => {
    const first = run('t-1', '2026-01-05', '2026-02-02', '2026-08-31', false);
    const waiting = newTrajectory('t-2', '2026-10-01', true);

    expect(esfParticipation([first, waiting]).exitOn).toBe('2026-08-31');
  });
});
