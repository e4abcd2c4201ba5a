import { addDays, addMonthsToDate } from '@stapsteen/calendar';
import { DEFAULT_DUE_ALERT_POLICY, DueAlertKind, dueAlerts, nextDueAlertCheckOn } from './due-alerts';
import { recordEvaluation } from './evaluation';
import { recordFollowUp } from './follow-up';
import { ParticipantState } from './participant';
import { savePlan } from './plan';
import { DEFAULT_TRAJECTORY_POLICY } from './trajectory';
import { changeTrajectory } from './trajectory-commands';
import { startedParticipant } from '../../../test/participant-builder';

const policy = DEFAULT_DUE_ALERT_POLICY;
const later = '2029-12-31';

function startedOn(on: string): ParticipantState {
  return startedParticipant(on, { enrolledOn: '2025-01-02' }, later);
}

const alert = (state: ParticipantState, today: string, kind: DueAlertKind) =>
  dueAlerts(state, today, policy).find((a) => a.kind === kind)!;

// Started 2026-02-02: planned end 2027-02-01, evaluation due 2026-08-02.
const start = '2026-02-02';
const plannedEnd = '2027-02-01';

describe('TRAJECTORY_ENDING_NO_PLAN', () => {
  it('opens exactly 60 days before the planned end, not 61', () => {
    const state = startedOn(start);

    expect(alert(state, addDays(plannedEnd, -61), 'TRAJECTORY_ENDING_NO_PLAN').open).toBe(false);
    expect(alert(state, addDays(plannedEnd, -60), 'TRAJECTORY_ENDING_NO_PLAN')).toMatchObject({
      open: true,
      severity: 'MEDIUM',
      facts: { plannedEndOn: plannedEnd },
    });
  });

  it('clears once a plan names a target destination, and when the trajectory ends', () => {
    const today = addDays(plannedEnd, -30);
    const planned = savePlan(
      startedOn(start),
      { targetDestination: 'TRAINING', steps: [] },
      'c',
      today,
      () => 's',
    ).state;
    const ended = changeTrajectory(
      startedOn(start),
      { kind: 'end', on: today, destination: 'NEC_JOB' },
      later,
      DEFAULT_TRAJECTORY_POLICY,
    ).state;

    expect(alert(planned, today, 'TRAJECTORY_ENDING_NO_PLAN').open).toBe(false);
    expect(alert(ended, today, 'TRAJECTORY_ENDING_NO_PLAN').open).toBe(false);
  });
});

describe('EVALUATION_DUE', () => {
  const due = addMonthsToDate(start, 6);

  it('opens 14 days before the due date, not 15, and is HIGH once overdue', () => {
    const state = startedOn(start);

    expect(alert(state, addDays(due, -15), 'EVALUATION_DUE').open).toBe(false);
    expect(alert(state, addDays(due, -14), 'EVALUATION_DUE')).toMatchObject({ open: true, severity: 'MEDIUM' });
    expect(alert(state, due, 'EVALUATION_DUE')).toMatchObject({ open: true, severity: 'MEDIUM' });
    expect(alert(state, addDays(due, 1), 'EVALUATION_DUE')).toMatchObject({ open: true, severity: 'HIGH' });
  });

  it('clears once the evaluation is held', () => {
    const today = addDays(due, 3);
    const held = recordEvaluation(startedOn(start), { heldOn: today, outcome: 'CONTINUE' }, 'c', today).state;

    expect(alert(held, today, 'EVALUATION_DUE').open).toBe(false);
  });
});

describe('FOLLOW_UP_DUE', () => {
  const exit = '2026-05-04';
  const exited = () =>
    changeTrajectory(
      startedOn(start),
      { kind: 'end', on: exit, destination: 'NEC_JOB' },
      later,
      DEFAULT_TRAJECTORY_POLICY,
    ).state;

  it('is HIGH once the immediate window closed without a result', () => {
    expect(alert(exited(), addDays(exit, 28), 'FOLLOW_UP_DUE')).toMatchObject({ open: true, severity: 'MEDIUM' });
    expect(alert(exited(), addDays(exit, 29), 'FOLLOW_UP_DUE')).toMatchObject({ open: true, severity: 'HIGH' });
  });

  it('opens on the exit day for the immediate result and clears once it is recorded', () => {
    expect(alert(exited(), exit, 'FOLLOW_UP_DUE')).toMatchObject({ open: true, facts: { checkpoint: 'IMMEDIATE' } });

    const recorded = recordFollowUp(
      exited(),
      { checkpoint: 'IMMEDIATE', recordedOn: exit, immediateStatus: 'EECR04' },
      'c',
      exit,
      policy.followUp,
    ).state;
    expect(alert(recorded, exit, 'FOLLOW_UP_DUE').open).toBe(false);
    expect(alert(recorded, addMonthsToDate(exit, 6), 'FOLLOW_UP_DUE')).toMatchObject({
      open: true,
      facts: { checkpoint: 'SIX_MONTHS' },
    });
  });
});

describe('the next day the rules could change', () => {
  it('is the first threshold ahead: 14 days before the evaluation', () => {
    expect(nextDueAlertCheckOn(startedOn(start), '2026-03-01', policy)).toBe(addDays(addMonthsToDate(start, 6), -14));
  });

  it('is none for a trajectory that ended with every follow-up recorded', () => {
    let state = changeTrajectory(
      startedOn(start),
      { kind: 'end', on: '2026-05-04', destination: 'NEC_JOB' },
      later,
      DEFAULT_TRAJECTORY_POLICY,
    ).state;
    state = recordFollowUp(
      state,
      { checkpoint: 'IMMEDIATE', recordedOn: '2026-05-04', immediateStatus: 'EECR04' },
      'c',
      later,
      policy.followUp,
    ).state;
    state = recordFollowUp(
      state,
      { checkpoint: 'SIX_MONTHS', recordedOn: '2026-11-04', employed: true },
      'c',
      later,
      policy.followUp,
    ).state;
    state = recordFollowUp(
      state,
      { checkpoint: 'NINE_MONTHS', recordedOn: '2027-02-04', employed: true },
      'c',
      later,
      policy.followUp,
    ).state;

    expect(nextDueAlertCheckOn(state, '2027-02-05', policy)).toBeNull();
  });
});
