import { DomainError } from '@stapsteen/errors';
import {
  DEFAULT_FOLLOW_UP_POLICY,
  FollowUpInput,
  exitedTrajectory,
  followUpCheckpoints,
  recordFollowUp,
} from './follow-up';
import { ParticipantState } from './participant';
import { DEFAULT_TRAJECTORY_POLICY } from './trajectory';
import { changeTrajectory } from './trajectory-commands';
import { enrolledParticipant } from '../../../test/participant-builder';

const policy = DEFAULT_FOLLOW_UP_POLICY;
const longAfter = '2028-12-31';

function exitedOn(endOn: string): ParticipantState {
  let state = enrolledParticipant({}, longAfter);
  const step = (command: Parameters<typeof changeTrajectory>[1]) =>
    (state = changeTrajectory(state, command, longAfter, DEFAULT_TRAJECTORY_POLICY).state);
  step({ kind: 'start', on: '2026-02-02' });
  step({ kind: 'end', on: endOn, destination: 'NEC_JOB' });
  return state;
}

const record = (state: ParticipantState, input: FollowUpInput, today = longAfter) =>
  recordFollowUp(state, input, 'organiser', today, policy);

const codeOf = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'accepted';
};

describe('the ESF+ immediate result after exit', () => {
  const exited = exitedOn('2026-08-31');

  it('accepts a result on day 28 after exit and refuses one on day 29', () => {
    expect(
      codeOf(() => record(exited, { checkpoint: 'IMMEDIATE', recordedOn: '2026-09-28', immediateStatus: 'EECR04' })),
    ).toBe('accepted');
    expect(
      codeOf(() => record(exited, { checkpoint: 'IMMEDIATE', recordedOn: '2026-09-29', immediateStatus: 'EECR04' })),
    ).toBe('FOLLOW_UP.OUTSIDE_WINDOW');
  });

  it('takes the window length from the policy', () => {
    const input: FollowUpInput = { checkpoint: 'IMMEDIATE', recordedOn: '2026-09-10', immediateStatus: 'EECR01' };
    expect(codeOf(() => recordFollowUp(exited, input, 'o', longAfter, { immediateWindowDays: 7 }))).toBe(
      'FOLLOW_UP.OUTSIDE_WINDOW',
    );
  });

  it('counts the last status recorded in the window, so job searching gives way to employed', () => {
    const first = record(exited, {
      checkpoint: 'IMMEDIATE',
      recordedOn: '2026-09-05',
      immediateStatus: 'EECR01',
    }).state;
    const second = record(first, {
      checkpoint: 'IMMEDIATE',
      recordedOn: '2026-09-20',
      immediateStatus: 'EECR04',
    }).state;

    const [immediate] = followUpCheckpoints(exitedTrajectory(second)!, '2026-09-21', policy);
    expect(immediate.result).toMatchObject({ immediateStatus: 'EECR04', recordedOn: '2026-09-20' });
  });

  it('counts the later day, not the later entry, when a result is entered afterwards for an earlier day', () => {
    const late = record(exited, { checkpoint: 'IMMEDIATE', recordedOn: '2026-09-20', immediateStatus: 'EECR04' }).state;
    const backdated = record(late, {
      checkpoint: 'IMMEDIATE',
      recordedOn: '2026-09-02',
      immediateStatus: 'EECR01',
    }).state;

    const [immediate] = followUpCheckpoints(exitedTrajectory(backdated)!, '2026-09-21', policy);
    expect(immediate.result?.immediateStatus).toBe('EECR04');
  });

  it('keeps one status per result: the event carries exactly one EECR code and no employment flag', () => {
    const { events } = record(exited, { checkpoint: 'IMMEDIATE', recordedOn: '2026-09-05', immediateStatus: 'EECR01' });

    expect(events).toEqual([
      {
        type: 'trajectory.follow-up-recorded',
        version: 1,
        participantId: 'p-1',
        data: {
          participantId: 'p-1',
          trajectoryId: 't-1',
          organisationId: 'org-neteland',
          regionId: 'region-kempen',
          exitOn: '2026-08-31',
          checkpoint: 'IMMEDIATE',
          recordedOn: '2026-09-05',
          immediateStatus: 'EECR01',
          employed: null,
        },
      },
    ]);
  });

  it('refuses a follow-up before the exit, in the future, or while the trajectory is open', () => {
    expect(
      codeOf(() => record(exited, { checkpoint: 'IMMEDIATE', recordedOn: '2026-08-30', immediateStatus: 'NONE' })),
    ).toBe('FOLLOW_UP.BEFORE_EXIT');
    expect(
      codeOf(() =>
        record(exited, { checkpoint: 'IMMEDIATE', recordedOn: '2026-09-05', immediateStatus: 'NONE' }, '2026-09-04'),
      ),
    ).toBe('FOLLOW_UP.DATE_IN_FUTURE');
    const reReferred = changeTrajectory(
      exited,
      { kind: 're-refer', on: '2026-10-01', trajectoryId: 't-2' },
      longAfter,
      DEFAULT_TRAJECTORY_POLICY,
    ).state;
    expect(
      codeOf(() => record(reReferred, { checkpoint: 'IMMEDIATE', recordedOn: '2026-09-05', immediateStatus: 'NONE' })),
    ).toBe('FOLLOW_UP.NO_EXIT');
  });
});

describe('the six- and nine-month follow-up tasks', () => {
  const exited = exitedOn('2026-08-31');

  it('come due six and nine months after exit, on the last day of a shorter month', () => {
    const views = followUpCheckpoints(exitedTrajectory(exited)!, '2027-02-28', policy);

    expect(views.map((v) => [v.checkpoint, v.dueOn, v.open])).toEqual([
      ['IMMEDIATE', '2026-08-31', true],
      ['SIX_MONTHS', '2027-02-28', true],
      ['NINE_MONTHS', '2027-05-31', false],
    ]);
    expect(views[0].overdue).toBe(true);
  });

  it('refuses a six-month result before it is due and records employment (EECR05) once due', () => {
    expect(codeOf(() => record(exited, { checkpoint: 'SIX_MONTHS', recordedOn: '2027-02-27', employed: true }))).toBe(
      'FOLLOW_UP.NOT_DUE_YET',
    );
    const { state, events } = record(exited, { checkpoint: 'SIX_MONTHS', recordedOn: '2027-02-28', employed: true });

    expect(events[0].data).toMatchObject({ checkpoint: 'SIX_MONTHS', immediateStatus: null, employed: true });
    const six = followUpCheckpoints(exitedTrajectory(state)!, '2027-03-01', policy)[1];
    expect(six).toMatchObject({ open: false, result: { employed: true } });
  });

  it('closes the nine-month task when the Flemish in-work result is recorded', () => {
    const { state } = record(exited, { checkpoint: 'NINE_MONTHS', recordedOn: '2027-06-02', employed: false });

    expect(followUpCheckpoints(exitedTrajectory(state)!, '2027-06-03', policy)[2]).toMatchObject({
      open: false,
      result: { employed: false },
    });
  });
});

describe('a re-entry counted once for ESF+', () => {
  it('follows up the latest exit after the participant was referred again and left again', () => {
    let state = exitedOn('2026-08-31');
    const step = (command: Parameters<typeof changeTrajectory>[1]) =>
      (state = changeTrajectory(state, command, longAfter, DEFAULT_TRAJECTORY_POLICY).state);
    step({ kind: 're-refer', on: '2026-10-01', trajectoryId: 't-2' });
    step({ kind: 'start', on: '2026-10-15' });
    step({ kind: 'end', on: '2027-03-31', destination: 'TRAINING' });

    const { events } = record(state, { checkpoint: 'IMMEDIATE', recordedOn: '2027-04-28', immediateStatus: 'EECR02' });
    expect(events[0].data).toMatchObject({ trajectoryId: 't-2', exitOn: '2027-03-31' });
  });
});
