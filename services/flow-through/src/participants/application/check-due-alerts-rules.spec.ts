import { addDays } from '@stapsteen/calendar';
import type { AlertRules } from '../domain/alert-rules';
import type { AlertRulesSource } from './alert-rules-service';
import { FIRST_EVALUATION, PLANNED_END, open, setUp, storeStartedParticipant } from '../../../test/due-alerts-fixture';

describe('checking against the organisation’s own alert rules', () => {
  /** Neteland set its own windows; every other organisation keeps the defaults. */
  const netelandRules = (rules: AlertRules): AlertRulesSource => ({
    forOrganisation: async (organisationId) =>
      organisationId === 'org-neteland' ? rules : { endingWithinDays: 60, evaluationWithinDays: 14 },
  });

  it('raises no ending alert 40 days out when the organisation shortened the window to 30, and does at 30', async () => {
    const { participants, alerts, checks, setToday } = setUp(
      addDays(PLANNED_END, -40),
      netelandRules({ endingWithinDays: 30, evaluationWithinDays: 14 }),
    );
    await storeStartedParticipant(participants);
    await storeStartedParticipant(participants, 'p-2', 'org-herentals');

    await checks.check('p-1');
    await checks.check('p-2');
    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([]);
    // The default 60 days still hold for the organisation that saved nothing.
    expect(open(alerts.alertsOf('p-2', 'TRAJECTORY_ENDING_NO_PLAN'))).toHaveLength(1);

    setToday(addDays(PLANNED_END, -30));
    await checks.check('p-1');
    expect(open(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN'))).toEqual([
      expect.objectContaining({ severity: 'MEDIUM', facts: { plannedEndOn: PLANNED_END } }),
    ]);
  });

  it('raises the ending alert 90 days out with a longer window, and plans the next check by it', async () => {
    const { participants, alerts, checks, tasks } = setUp(
      addDays(PLANNED_END, -120),
      netelandRules({ endingWithinDays: 90, evaluationWithinDays: 14 }),
    );
    await storeStartedParticipant(participants);
    await checks.check('p-1');
    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([]);
    expect(tasks.entries.get('p-1')?.nextCheckOn).toBe(addDays(PLANNED_END, -90));
  });

  it('opens EVALUATION_DUE 30 days ahead with a longer window, where the default 14 would not', async () => {
    const { participants, alerts, checks } = setUp(
      addDays(FIRST_EVALUATION, -30),
      netelandRules({ endingWithinDays: 60, evaluationWithinDays: 30 }),
    );
    await storeStartedParticipant(participants);
    await storeStartedParticipant(participants, 'p-2', 'org-herentals');
    await checks.check('p-1');
    await checks.check('p-2');
    expect(open(alerts.alertsOf('p-1', 'EVALUATION_DUE'))).toEqual([
      expect.objectContaining({ severity: 'MEDIUM', facts: { dueOn: FIRST_EVALUATION } }),
    ]);
    expect(alerts.alertsOf('p-2', 'EVALUATION_DUE')).toEqual([]);
  });

  it('checks the organisation’s participants again at once when its rules change', async () => {
    let rules: AlertRules = { endingWithinDays: 60, evaluationWithinDays: 14 };
    const { participants, alerts, checks } = setUp(addDays(PLANNED_END, -75), {
      forOrganisation: async () => rules,
    });
    await storeStartedParticipant(participants);
    await checks.check('p-1');
    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([]);

    rules = { endingWithinDays: 90, evaluationWithinDays: 14 };
    expect(await checks.checkOrganisation('org-neteland')).toEqual({ checked: 1, failed: 0 });
    expect(open(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN'))).toHaveLength(1);
    expect(await checks.checkOrganisation('org-herentals')).toEqual({ checked: 0, failed: 0 });
  });
});
