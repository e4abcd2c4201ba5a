import { DomainError } from '@stapsteen/errors';
import { ParticipantState } from './participant';
import { hasTargetDestination, planOf, savePlan, sendReferral, updateReferral } from './plan';
import { DEFAULT_TRAJECTORY_POLICY } from './trajectory';
import { changeTrajectory } from './trajectory-commands';
import { enrolledParticipant } from '../../../test/participant-builder';

const today = '2026-06-15';

function participant(): ParticipantState {
  return enrolledParticipant({}, today);
}

const codeOf = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'accepted';
};

let ids = 0;
const newId = () => `step-${++ids}`;
const current = (state: ParticipantState) => planOf(state.trajectories.at(-1)!);

function withReferral(): ParticipantState {
  return sendReferral(
    participant(),
    { id: 'r-1', partnerOrganisationId: 'org-vdab', purpose: 'Screening door VDAB', sentOn: '2026-06-01' },
    'coach',
    today,
  ).state;
}

describe('the flow-through plan', () => {
  it('saves a target destination and steps, giving new steps an id and keeping given ones', () => {
    const { state, events } = savePlan(
      participant(),
      {
        targetDestination: 'SOCIAL_ECONOMY',
        steps: [
          { id: 'keep-me', description: '  Sollicitatietraining  ', dueOn: '2026-07-01' },
          { description: 'CV opmaken', dueOn: '2026-06-20', doneOn: '2026-06-10' },
        ],
      },
      'coach',
      today,
      newId,
    );

    expect(events).toEqual([]);
    expect(current(state)).toMatchObject({
      targetDestination: 'SOCIAL_ECONOMY',
      steps: [
        { id: 'keep-me', description: 'Sollicitatietraining', dueOn: '2026-07-01', doneOn: null },
        { id: expect.stringMatching(/^step-/), description: 'CV opmaken', doneOn: '2026-06-10' },
      ],
      updatedBy: 'coach',
      updatedOn: today,
    });
    expect(hasTargetDestination(state.trajectories.at(-1)!)).toBe(true);
  });

  it('has no target destination before a plan is made', () => {
    expect(hasTargetDestination(participant().trajectories[0])).toBe(false);
    expect(current(participant())).toMatchObject({ targetDestination: null, steps: [], referrals: [] });
  });

  it('keeps the referrals when the steps are replaced', () => {
    const state = savePlan(withReferral(), { targetDestination: 'TRAINING', steps: [] }, 'coach', today, newId).state;

    expect(current(state).referrals.map((r) => r.id)).toEqual(['r-1']);
  });

  it.each([
    [
      'a description of 201 characters',
      { description: 'x'.repeat(201), dueOn: '2026-07-01' },
      'PLAN.STEP_DESCRIPTION_INVALID',
    ],
    ['a blank description', { description: '   ', dueOn: '2026-07-01' }, 'PLAN.STEP_DESCRIPTION_INVALID'],
    ['a step done tomorrow', { description: 'CV', dueOn: '2026-07-01', doneOn: '2026-06-16' }, 'PLAN.DATE_IN_FUTURE'],
  ])('refuses %s', (_what, step, code) => {
    expect(codeOf(() => savePlan(participant(), { targetDestination: null, steps: [step] }, 'c', today, newId))).toBe(
      code,
    );
  });

  it('accepts a description of exactly 200 characters', () => {
    const state = savePlan(
      participant(),
      { targetDestination: null, steps: [{ description: 'x'.repeat(200), dueOn: '2026-07-01' }] },
      'c',
      today,
      newId,
    ).state;

    expect(current(state).steps[0].description).toHaveLength(200);
  });

  it('refuses two steps with the same id', () => {
    const steps = [
      { id: 'a', description: 'one', dueOn: '2026-07-01' },
      { id: 'a', description: 'two', dueOn: '2026-07-02' },
    ];
    expect(codeOf(() => savePlan(participant(), { targetDestination: null, steps }, 'c', today, newId))).toBe(
      'PLAN.DUPLICATE_STEP_ID',
    );
  });

  it('refuses to change the plan of an ended trajectory', () => {
    const ended = changeTrajectory(
      participant(),
      { kind: 'end', on: '2026-06-01', destination: 'NEC_JOB' },
      today,
      DEFAULT_TRAJECTORY_POLICY,
    ).state;

    expect(codeOf(() => savePlan(ended, { targetDestination: 'NEC_JOB', steps: [] }, 'c', today, newId))).toBe(
      'PLAN.TRAJECTORY_ENDED',
    );
  });
});

describe('referrals to partner organisations', () => {
  it('starts a referral as SENT with its first history entry', () => {
    const referral = current(withReferral()).referrals[0];

    expect(referral).toMatchObject({ status: 'SENT', partnerOrganisationId: 'org-vdab', sentOn: '2026-06-01' });
    expect(referral.history).toEqual([{ status: 'SENT', on: '2026-06-01', by: 'coach', reason: null }]);
  });

  it('moves SENT → ACCEPTED → DONE and keeps who, when and why', () => {
    let state = updateReferral(
      withReferral(),
      'r-1',
      { status: 'ACCEPTED', on: '2026-06-05' },
      'organiser',
      today,
    ).state;
    state = updateReferral(
      state,
      'r-1',
      { status: 'DONE', on: '2026-06-12', reason: ' afgerond ' },
      'coach',
      today,
    ).state;

    const referral = current(state).referrals[0];
    expect(referral.status).toBe('DONE');
    expect(referral.history.map((h) => [h.status, h.on, h.by, h.reason])).toEqual([
      ['SENT', '2026-06-01', 'coach', null],
      ['ACCEPTED', '2026-06-05', 'organiser', null],
      ['DONE', '2026-06-12', 'coach', 'afgerond'],
    ]);
  });

  it('treats REFUSED and DONE as final', () => {
    const refused = updateReferral(withReferral(), 'r-1', { status: 'REFUSED', on: '2026-06-02' }, 'c', today).state;

    expect(codeOf(() => updateReferral(refused, 'r-1', { status: 'ACCEPTED', on: '2026-06-03' }, 'c', today))).toBe(
      'PLAN.REFERRAL_INVALID_TRANSITION',
    );
  });

  it.each([
    [
      'a date before the last status',
      { status: 'ACCEPTED' as const, on: '2026-05-31' },
      'PLAN.DATE_BEFORE_PREVIOUS_STATUS',
    ],
    ['a future date', { status: 'ACCEPTED' as const, on: '2026-06-16' }, 'PLAN.DATE_IN_FUTURE'],
  ])('refuses a status with %s', (_what, input, code) => {
    expect(codeOf(() => updateReferral(withReferral(), 'r-1', input, 'c', today))).toBe(code);
  });

  it('answers not found for an unknown referral', () => {
    expect(codeOf(() => updateReferral(withReferral(), 'r-x', { status: 'DONE', on: today }, 'c', today))).toBe(
      'PLAN.REFERRAL_NOT_FOUND',
    );
  });

  it('refuses a referral sent in the future or before the trajectory was referred', () => {
    const send = (sentOn: string) => () =>
      sendReferral(participant(), { id: 'r', partnerOrganisationId: 'o', purpose: 'x', sentOn }, 'c', today);

    expect(codeOf(send('2026-06-16'))).toBe('PLAN.DATE_IN_FUTURE');
    expect(codeOf(send('2026-01-04'))).toBe('PLAN.DATE_BEFORE_TRAJECTORY');
    expect(codeOf(send('2026-01-05'))).toBe('accepted');
  });
});
