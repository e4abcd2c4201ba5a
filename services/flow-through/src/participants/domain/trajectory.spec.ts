import { DomainError } from '@stapsteen/errors';
import {
  DEFAULT_TRAJECTORY_POLICY,
  addMonthsMinusOneDay,
  endTrajectory,
  extendTrajectory,
  isActiveOn,
  newTrajectory,
  recordIntake,
  resumeTrajectory,
  startTrajectory,
  suspendTrajectory,
} from './trajectory';

const today = '2026-11-23';
const policy = DEFAULT_TRAJECTORY_POLICY;
const referred = newTrajectory('t-1', '2026-01-05', false);
const active = startTrajectory(recordIntake(referred, '2026-01-12', today), '2026-02-02', today, false, policy);

const codeOf = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'accepted';
};

describe('the trajectory lifecycle', () => {
  it('plans the end twelve months after the start, the day before the same date', () => {
    expect(active).toMatchObject({ status: 'ACTIVE', startedOn: '2026-02-02', plannedEndOn: '2027-02-01' });
  });

  it('ends a trajectory started on 31 January on the last day of the following January', () => {
    expect(addMonthsMinusOneDay('2026-01-31', 12)).toBe('2027-01-30');
    expect(addMonthsMinusOneDay('2024-03-31', 11)).toBe('2025-02-27');
  });

  it('plans no end for an ex-PWA worker', () => {
    expect(startTrajectory(referred, '2026-01-10', today, true, policy).plannedEndOn).toBeNull();
  });

  it('refuses to start a trajectory twice', () => {
    expect(codeOf(() => startTrajectory(active, '2026-03-01', today, false, policy))).toBe(
      'TRAJECTORY.INVALID_TRANSITION',
    );
  });

  it('refuses a start dated before the intake', () => {
    const intake = recordIntake(referred, '2026-01-12', today);
    expect(codeOf(() => startTrajectory(intake, '2026-01-10', today, false, policy))).toBe(
      'TRAJECTORY.DATE_BEFORE_PREVIOUS_STEP',
    );
  });

  it('refuses a step dated in the future', () => {
    expect(codeOf(() => recordIntake(referred, '2026-12-01', today))).toBe('TRAJECTORY.DATE_IN_FUTURE');
  });

  it('suspends and resumes, and counts the suspended days as inactive', () => {
    const resumed = resumeTrajectory(suspendTrajectory(active, '2026-05-04', today, 'ILLNESS'), '2026-05-18', today);
    expect(resumed.status).toBe('ACTIVE');
    expect(isActiveOn(resumed, '2026-05-03')).toBe(true);
    expect(isActiveOn(resumed, '2026-05-04')).toBe(false);
    expect(isActiveOn(resumed, '2026-05-17')).toBe(false);
    expect(isActiveOn(resumed, '2026-05-18')).toBe(true);
  });

  it('is not active before its start or after its end', () => {
    const ended = endTrajectory(active, '2026-10-30', today, 'NEC_JOB', policy);
    expect(isActiveOn(ended, '2026-02-01')).toBe(false);
    expect(isActiveOn(ended, '2026-10-30')).toBe(true);
    expect(isActiveOn(ended, '2026-10-31')).toBe(false);
  });

  it('counts a job in the regular economy as positive outflow and a drop-out as not', () => {
    expect(endTrajectory(active, '2026-10-30', today, 'NEC_JOB', policy).positiveOutflow).toBe(true);
    expect(endTrajectory(active, '2026-10-30', today, 'DROP_OUT', policy).positiveOutflow).toBe(false);
  });

  it('follows the configured definition of positive outflow', () => {
    const strict = { ...policy, positiveDestinations: ['NEC_JOB' as const] };
    expect(endTrajectory(active, '2026-10-30', today, 'TRAINING', strict).positiveOutflow).toBe(false);
  });

  it('closes an open suspension when the trajectory ends during it', () => {
    const ended = endTrajectory(
      suspendTrajectory(active, '2026-06-01', today, 'CARE'),
      '2026-06-20',
      today,
      'HEALTH',
      policy,
    );
    expect(ended.suspensions).toEqual([{ from: '2026-06-01', until: '2026-06-20', reasonCode: 'CARE' }]);
  });

  it('extends only to a later planned end', () => {
    expect(extendTrajectory(active, '2027-04-30').plannedEndOn).toBe('2027-04-30');
    expect(codeOf(() => extendTrajectory(active, '2027-01-01'))).toBe('TRAJECTORY.EXTENSION_NOT_LATER');
  });

  it('refuses to end a trajectory that has ended', () => {
    const ended = endTrajectory(active, '2026-10-30', today, 'NEC_JOB', policy);
    expect(codeOf(() => endTrajectory(ended, '2026-11-02', today, 'NEC_JOB', policy))).toBe(
      'TRAJECTORY.INVALID_TRANSITION',
    );
  });
});
