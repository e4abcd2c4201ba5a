import { addDays } from '@stapsteen/calendar';
import type { Principal } from '@stapsteen/auth';
import { KeyedLock } from '@stapsteen/concurrency';
import { InMemoryParticipants } from '../../../test/in-memory-participants';
import { AlertFeed } from '../../alerts/application/alert-feed';
import { AlertWriter } from '../../alerts/application/alert-writer';
import { ManageAlertHandler } from '../../alerts/application/manage-alert';
import { RecordAlertCauseHandler } from '../../alerts/application/record-alert-cause';
import type { Alert } from '../../alerts/domain/alert';
import { InMemoryOrganisations } from '../../../test/in-memory-organisations';
import { DEFAULT_DUE_ALERT_POLICY } from '../domain/due-alerts';
import { recordEvaluation } from '../domain/evaluation';
import { recordFollowUp } from '../domain/follow-up';
import { anonymiseParticipant } from '../domain/participant-changes';
import { ParticipantState } from '../domain/participant';
import { savePlan } from '../domain/plan';
import { DEFAULT_TRAJECTORY_POLICY } from '../domain/trajectory';
import { changeTrajectory } from '../domain/trajectory-commands';
import type { AlertRules } from '../domain/alert-rules';
import type { AlertRulesSource } from './alert-rules-service';
import { CheckDueAlertsHandler } from './check-due-alerts';
import { DueTasksQueries } from './due-tasks';
import { ParticipantWriter } from './participant-writer';
import { startedParticipant as startedState } from '../../../test/participant-builder';
import { InMemoryAlerts } from '../../../test/in-memory-alerts';
import { InMemoryDueTasks } from '../../../test/in-memory-due-tasks';

// Started 2026-02-02: planned end 2027-02-01, first evaluation due 2026-08-02.
const START = '2026-02-02';
const PLANNED_END = '2027-02-01';
const FIRST_EVALUATION = '2026-08-02';

function setUp(initialToday: string, rules?: AlertRulesSource) {
  let today = initialToday;
  const clock = { now: () => new Date(`${today}T09:00:00Z`), today: () => today };
  const participants = new InMemoryParticipants();
  const alerts = new InMemoryAlerts();
  const tasks = new InMemoryDueTasks();
  const lock = new KeyedLock();
  const writer = new AlertWriter(alerts, new AlertFeed(), undefined, (key, work) => lock.run(key, work));
  let n = 0;
  const causes = new RecordAlertCauseHandler(writer, clock, () => `alert-${++n}`);
  const checks = new CheckDueAlertsHandler(
    participants,
    alerts,
    causes,
    tasks,
    clock,
    DEFAULT_DUE_ALERT_POLICY,
    (key, work) => lock.run(key, work),
    rules,
  );
  const participantWriter = new ParticipantWriter(participants, undefined, undefined, (id) => checks.check(id));
  const change = (id: string, decide: (p: ParticipantState) => { state: ParticipantState }) =>
    participantWriter.change({ kind: 'system' }, id, (p) => {
      const { state } = decide(p);
      return { state, events: [] };
    });
  return {
    participants,
    alerts,
    tasks,
    checks,
    change,
    manage: new ManageAlertHandler(writer, clock, { maxSnoozeDays: 90 }),
    setToday: (day: string) => (today = day),
    today: () => today,
  };
}

async function storeStartedParticipant(
  participants: InMemoryParticipants,
  id = 'p-1',
  organisationId = 'org-neteland',
  regionId = 'region-kempen',
) {
  const started = startedState(
    START,
    { id, organisationId, regionId, enrolledOn: '2026-01-20', trajectoryId: `t-${id}` },
    START,
  );
  await participants.insert(started, []);
  return id;
}

const ended = (today: string) => (p: ParticipantState) =>
  changeTrajectory(p, { kind: 'end', on: today, destination: 'NEC_JOB' }, today, DEFAULT_TRAJECTORY_POLICY);
const open = (list: Alert[]) => list.filter((a) => a.status !== 'RESOLVED');

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

describe('the timer’s schedule of due checks', () => {
  it('checks a participant on the day one of the rules can answer differently, not before', async () => {
    const { participants, alerts, checks, tasks, setToday } = setUp('2026-11-01');
    await storeStartedParticipant(participants);
    await checks.check('p-1'); // as after the participant's last write
    tasks.last = '2026-11-01';
    const firstDay = addDays(PLANNED_END, -60);
    expect(await tasks.scheduledOn(firstDay)).toEqual(['p-1']);

    setToday(addDays(firstDay, -1));
    expect(await checks.runScheduled()).toEqual({ checked: 0, failed: 0 });
    expect(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN')).toEqual([]);

    setToday(firstDay);
    expect(await checks.runScheduled()).toEqual({ checked: 1, failed: 0 });
    expect(open(alerts.alertsOf('p-1', 'TRAJECTORY_ENDING_NO_PLAN'))).toHaveLength(1);
    expect(await tasks.scheduledOn(firstDay)).toEqual([]);
    expect(tasks.last).toBe(firstDay);
    // The next day that matters: the day after the planned end, when it becomes overdue.
    expect(tasks.entries.get('p-1')?.nextCheckOn).toBe(addDays(PLANNED_END, 1));
  });

  it('checks everybody once on its very first run, for participants from before the schedule', async () => {
    const { participants, alerts, checks, tasks } = setUp(addDays(PLANNED_END, -30));
    await storeStartedParticipant(participants, 'p-1');
    await storeStartedParticipant(participants, 'p-2');

    expect(await checks.runScheduled()).toEqual({ checked: 2, failed: 0 });
    expect(open(alerts.alertsOf('p-2', 'TRAJECTORY_ENDING_NO_PLAN'))).toHaveLength(1);
    expect(tasks.last).toBe(addDays(PLANNED_END, -30));
  });
});

describe('the due task lists', () => {
  const organisations = new InMemoryOrganisations([
    { id: 'org-neteland', name: 'Neteland', kind: 'WIJK_WERK', regionId: 'region-kempen' },
    { id: 'org-herentals', name: 'Herentals', kind: 'WIJK_WERK', regionId: 'region-kempen' },
    { id: 'org-gent', name: 'Gent', kind: 'WIJK_WERK', regionId: 'region-gent' },
  ]);
  const organiser: Principal = {
    userId: 'o',
    role: 'ORGANISER',
    organisationIds: ['org-neteland'],
    regionId: 'region-kempen',
  };
  const manager: Principal = { userId: 'm', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };

  async function threeParticipants() {
    const set = setUp(addDays(FIRST_EVALUATION, 3));
    await storeStartedParticipant(set.participants, 'p-neteland', 'org-neteland', 'region-kempen');
    await storeStartedParticipant(set.participants, 'p-herentals', 'org-herentals', 'region-kempen');
    await storeStartedParticipant(set.participants, 'p-gent', 'org-gent', 'region-gent');
    for (const id of ['p-neteland', 'p-herentals', 'p-gent']) await set.checks.check(id);
    return {
      ...set,
      queries: new DueTasksQueries(set.tasks, organisations, { now: () => new Date(), today: set.today }),
    };
  }

  it('shows an organiser the overdue evaluations of their organisations, with the name', async () => {
    const { queries } = await threeParticipants();

    expect((await queries.evaluations(organiser, { within: 0 })).items).toEqual([
      expect.objectContaining({
        participantId: 'p-neteland',
        name: 'Sofie Verbeeck',
        dueOn: FIRST_EVALUATION,
        overdue: true,
        trajectoryId: 't-p-neteland',
      }),
    ]);
  });

  it('shows a manager the region, without names', async () => {
    const { queries } = await threeParticipants();

    const items = (await queries.evaluations(manager, { within: 0 })).items;
    expect(items.map((i) => [i.participantId, i.name])).toEqual([
      ['p-herentals', null],
      ['p-neteland', null],
    ]);
  });

  it('answers not found for an organisation or region out of scope', async () => {
    const { queries } = await threeParticipants();

    await expect(queries.evaluations(organiser, { organisationId: 'org-herentals', within: 0 })).rejects.toMatchObject({
      code: 'DUE_TASKS.SCOPE_NOT_FOUND',
    });
    await expect(queries.followUps(manager, { regionId: 'region-gent', within: 0 })).rejects.toMatchObject({
      code: 'DUE_TASKS.SCOPE_NOT_FOUND',
    });
    await expect(queries.followUps(manager, { organisationId: 'org-gent', within: 0 })).rejects.toMatchObject({
      code: 'DUE_TASKS.SCOPE_NOT_FOUND',
    });
  });

  it('lists follow-ups after exit, and what comes due within the window asked for', async () => {
    const { queries, change, today } = await threeParticipants();
    await change('p-neteland', ended(today()));

    expect((await queries.evaluations(organiser, { within: 0 })).items).toEqual([]);
    const now = (await queries.followUps(organiser, { within: 0 })).items;
    expect(now.map((i) => [i.checkpoint, i.dueOn, i.overdue])).toEqual([['IMMEDIATE', today(), false]]);
    const half = (await queries.followUps(organiser, { within: 200 })).items;
    expect(half.map((i) => i.checkpoint)).toEqual(['IMMEDIATE', 'SIX_MONTHS']);
  });
});

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
