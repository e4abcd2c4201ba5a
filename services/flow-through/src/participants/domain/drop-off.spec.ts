import { DomainError } from '@stapsteen/errors';

import { DEFAULT_TRAJECTORY_POLICY, dropOffReferral, newTrajectory, recordIntake, startTrajectory } from './trajectory';
import { changeTrajectory } from './trajectory-commands';
import { enrolledParticipant } from '../../../test/participant-builder';

const today = '2026-11-23';
const policy = DEFAULT_TRAJECTORY_POLICY;
const referred = newTrajectory('t-1', '2026-09-01', false);
const inIntake = recordIntake(referred, '2026-09-08', today);

const codeOf = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'accepted';
};

const participant = enrolledParticipant({ enrolledOn: '2026-09-01' }, today);

describe('a referral that drops off before the start', () => {
  it('closes a referred trajectory as a drop-out and remembers the stage and the reason', () => {
    const dropped = dropOffReferral(referred, '2026-09-05', today, 'NOT_REACHED');

    expect(dropped).toMatchObject({
      status: 'ENDED',
      endedOn: '2026-09-05',
      destination: 'DROP_OUT',
      positiveOutflow: false,
      startedOn: null,
      dropOff: { stage: 'REFERRED', reasonCode: 'NOT_REACHED' },
    });
  });

  it('says the drop-off came at the intake when the intake was held', () => {
    expect(dropOffReferral(inIntake, '2026-09-22', today, 'FOUND_WORK').dropOff).toEqual({
      stage: 'INTAKE',
      reasonCode: 'FOUND_WORK',
    });
  });

  it('refuses a drop-off once the trajectory started: that is an end with a destination', () => {
    const active = startTrajectory(inIntake, '2026-10-01', today, false, policy);

    expect(codeOf(() => dropOffReferral(active, '2026-10-05', today, 'OTHER'))).toBe('TRAJECTORY.INVALID_TRANSITION');
  });

  it('refuses a drop-off before the intake or in the future', () => {
    expect(codeOf(() => dropOffReferral(inIntake, '2026-09-07', today, 'OTHER'))).toBe(
      'TRAJECTORY.DATE_BEFORE_PREVIOUS_STEP',
    );
    expect(codeOf(() => dropOffReferral(referred, '2026-11-24', today, 'OTHER'))).toBe('TRAJECTORY.DATE_IN_FUTURE');
  });

  it('announces the drop-off with the funnel facts and no trajectory.ended', () => {
    const { state, events } = changeTrajectory(
      participant,
      { kind: 'drop-off', on: '2026-09-10', reasonCode: 'MOBILITY' },
      today,
      policy,
    );

    expect(events).toEqual([
      {
        type: 'trajectory.referral-dropped',
        version: 1,
        participantId: 'p-1',
        data: {
          participantId: 'p-1',
          trajectoryId: 't-1',
          organisationId: 'org-neteland',
          regionId: 'region-kempen',
          referredOn: '2026-09-01',
          droppedOn: '2026-09-10',
          stage: 'REFERRED',
          reasonCode: 'MOBILITY',
        },
      },
    ]);
    expect(state.trajectories.at(-1)?.status).toBe('ENDED');
  });

  it('lets the participant be referred again after a drop-off', () => {
    const dropped = changeTrajectory(
      participant,
      { kind: 'drop-off', on: '2026-09-10', reasonCode: 'MOBILITY' },
      today,
      policy,
    ).state;

    const { state } = changeTrajectory(
      dropped,
      { kind: 're-refer', on: '2026-10-01', trajectoryId: 't-2' },
      today,
      policy,
    );

    expect(state.trajectories.map((t) => [t.id, t.status])).toEqual([
      ['t-1', 'ENDED'],
      ['t-2', 'REFERRED'],
    ]);
  });
});
