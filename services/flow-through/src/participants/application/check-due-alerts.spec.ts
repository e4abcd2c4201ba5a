import { addDays } from '@stapsteen/calendar';
import type { Principal } from '@stapsteen/auth';
import { DEFAULT_DUE_ALERT_POLICY } from '../domain/due-alerts';
import { recordEvaluation } from '../domain/evaluation';
import { recordFollowUp } from '../domain/follow-up';
import { anonymiseParticipant } from '../domain/participant-changes';
import { savePlan } from '../domain/plan';
import {
  FIRST_EVALUATION,
  PLANNED_END,
  ended,
  open,
  setUp,
  storeStartedParticipant,
} from '../../../test/due-alerts-fixture';

describe('checking the time-based alerts of a participant', () => {
  it('raises TRAJECTORY_ENDING_NO_PLAN within 60 days of the planned end, once however often it runs', async () => {
    const { participants, alerts, checks } = setUp(addDays(PLANNED_END, -30));
    await storeStartedParticipant(participants);

    await checks.check('p-1');
    await checks.check('p-1');
    await Promise.all([checks.check('p-1'), checks.check('p-1')]);

    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([
      expect.objectContaining({ status: 'OPEN', severity: 'MEDIUM', facts: { plannedEndOn: PLANNED_END } }),
    ]);
    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')[0].history).toHaveLength(1);
    expect(alerts.outboxOf('p-1').filter((e) => e.data.kind === 'TRAJECTORY_ENDING_NO_PLAN')).toHaveLength(1);
  });

  it('raises nothing while the planned end is further than 60 days away', async () => {
    const { participants, alerts, checks } = setUp(addDays(PLANNED_END, -61));
    await storeStartedParticipant(participants);

    await checks.check('p-1');

    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([]);
  });

  it('makes the one open EVALUATION_DUE alert HIGH once overdue, instead of opening a second', async () => {
    const { participants, alerts, checks, setToday } = setUp(addDays(FIRST_EVALUATION, -10));
    await storeStartedParticipant(participants);
    await checks.check('p-1');

    setToday(addDays(FIRST_EVALUATION, 1));
    await checks.check('p-1');
    await checks.check('p-1');

    const evaluation = alerts.alertsOf('p-1', 'EVALUATION_DUE');
    expect(evaluation).toHaveLength(1);
    expect(evaluation[0]).toMatchObject({ id: 'alert-1', status: 'OPEN', severity: 'HIGH' });
    expect(evaluation[0].history.map((h) => [h.action, h.severity])).toEqual([
      ['RAISED', 'MEDIUM'],
      ['UPDATED', 'HIGH'],
    ]);
    expect(alerts.outboxOf('p-1').map((e) => [e.type, e.data.alertId, e.data.severity ?? e.data.resolution])).toEqual([
      ['alert.raised', 'alert-1', 'MEDIUM'],
      ['alert.raised', 'alert-1', 'HIGH'],
    ]);
  });

  it('resolves TRAJECTORY_ENDING_NO_PLAN by itself once the plan names a target, checked after the plan write', async () => {
    const { participants, alerts, checks, change, today } = setUp(addDays(PLANNED_END, -30));
    await storeStartedParticipant(participants);
    await checks.check('p-1');

    await change('p-1', (p) => savePlan(p, { targetDestination: 'TRAINING', steps: [] }, 'coach', today(), () => 's'));

    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([
      expect.objectContaining({ status: 'RESOLVED', resolution: 'CAUSE_CLEARED' }),
    ]);
    const ending = alerts.outboxOf('p-1').filter((e) => e.data.kind === 'TRAJECTORY_ENDING_NO_PLAN');
    expect(ending.map((e) => e.type)).toEqual(['alert.raised', 'alert.resolved']);
  });

  it('resolves EVALUATION_DUE once the evaluation is held', async () => {
    const { participants, alerts, checks, change, today } = setUp(addDays(FIRST_EVALUATION, 3));
    await storeStartedParticipant(participants);
    await checks.check('p-1');
    expect(open(alerts.alertsOf('p-1', 'EVALUATION_DUE'))).toHaveLength(1);

    await change('p-1', (p) => recordEvaluation(p, { heldOn: today(), outcome: 'CONTINUE' }, 'coach', today()));

    expect(open(alerts.alertsOf('p-1', 'EVALUATION_DUE'))).toEqual([]);
  });

  it('clears the running trajectory’s alerts when it ends, and asks for the immediate follow-up instead', async () => {
    // Past the planned end and past an evaluation: both open, the ending one overdue.
    const { participants, alerts, checks, change, today } = setUp(addDays(PLANNED_END, 2));
    await storeStartedParticipant(participants);
    await checks.check('p-1');
    expect(open(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN'))).toEqual([
      expect.objectContaining({ severity: 'HIGH' }),
    ]);
    expect(open(alerts.alertsOf('p-1', 'EVALUATION_DUE'))).toHaveLength(1);

    await change('p-1', ended(today()));

    expect(open(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN'))).toEqual([]);
    expect(open(alerts.alertsOf('p-1', 'EVALUATION_DUE'))).toEqual([]);
    expect(open(alerts.alertsOf('p-1', 'FOLLOW_UP_DUE'))).toEqual([
      expect.objectContaining({ severity: 'MEDIUM', facts: { checkpoint: 'IMMEDIATE', dueOn: today() } }),
    ]);

    await change('p-1', (p) =>
      recordFollowUp(
        p,
        { checkpoint: 'IMMEDIATE', recordedOn: today(), immediateStatus: 'EECR04' },
        'coach',
        today(),
        DEFAULT_DUE_ALERT_POLICY.followUp,
      ),
    );
    expect(open(alerts.alertsOf('p-1', 'FOLLOW_UP_DUE'))).toEqual([]);
  });

  it('clears every time-based alert when the personal data is erased', async () => {
    const { participants, alerts, tasks, checks, change, today } = setUp(addDays(PLANNED_END, 2));
    await storeStartedParticipant(participants);
    await checks.check('p-1');
    expect(tasks.entries.get('p-1')?.name).toBe('Sofie Verbeeck');

    await change('p-1', (p) => anonymiseParticipant(p, `${today()}T09:00:00Z`));

    const stillOpen = [...(alerts.documents.get('p-1')?.state.alerts ?? [])].filter((a) => a.status !== 'RESOLVED');
    expect(stillOpen).toEqual([]);
    // Nor does the name stay behind in the task lists.
    expect(tasks.entries.has('p-1')).toBe(false);
  });

  it('does not read the alerts while nothing is due and nothing was left open', async () => {
    const { participants, alerts, checks, change, today } = setUp('2026-03-01');
    await storeStartedParticipant(participants);

    await checks.check('p-1');
    await change('p-1', (p) => savePlan(p, { targetDestination: null, steps: [] }, 'coach', today(), () => 's'));

    expect(alerts.loads).toBe(0);
  });

  it('opens a new alert when a cleared cause comes back', async () => {
    const { participants, alerts, checks, change, today } = setUp(addDays(PLANNED_END, -30));
    await storeStartedParticipant(participants);
    await checks.check('p-1');
    await change('p-1', (p) => savePlan(p, { targetDestination: 'TRAINING', steps: [] }, 'coach', today(), () => 's'));

    await change('p-1', (p) => savePlan(p, { targetDestination: null, steps: [] }, 'coach', today(), () => 's'));

    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN').map((a) => a.status)).toEqual(['RESOLVED', 'OPEN']);
  });

  it('leaves an alert a person closed closed, until it becomes more urgent', async () => {
    const manager: Principal = {
      userId: 'm',
      role: 'REGIONAL_MANAGER',
      organisationIds: [],
      regionId: 'region-kempen',
    };
    const { participants, alerts, checks, manage, setToday } = setUp(addDays(FIRST_EVALUATION, -10));
    await storeStartedParticipant(participants);
    await checks.check('p-1');
    await manage.resolve(manager, 'p-1', 'EVALUATION_DUE', 'Evaluatie besproken');

    await checks.check('p-1');
    expect(open(alerts.alertsOf('p-1', 'EVALUATION_DUE'))).toEqual([]);

    setToday(addDays(FIRST_EVALUATION, 1));
    await checks.check('p-1');
    expect(open(alerts.alertsOf('p-1', 'EVALUATION_DUE'))).toEqual([expect.objectContaining({ severity: 'HIGH' })]);
  });
});
