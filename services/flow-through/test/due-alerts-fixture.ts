import { KeyedLock } from '@stapsteen/concurrency';
import { InMemoryParticipants } from './in-memory-participants';
import { AlertFeed } from '../src/alerts/application/alert-feed';
import { AlertWriter } from '../src/alerts/application/alert-writer';
import { ManageAlertHandler } from '../src/alerts/application/manage-alert';
import { RecordAlertCauseHandler } from '../src/alerts/application/record-alert-cause';
import type { Alert } from '../src/alerts/domain/alert';
import { DEFAULT_DUE_ALERT_POLICY } from '../src/participants/domain/due-alerts';
import { ParticipantState } from '../src/participants/domain/participant';
import { DEFAULT_TRAJECTORY_POLICY } from '../src/participants/domain/trajectory';
import { changeTrajectory } from '../src/participants/domain/trajectory-commands';
import type { AlertRulesSource } from '../src/participants/application/alert-rules-service';
import { CheckDueAlertsHandler } from '../src/participants/application/check-due-alerts';
import { ParticipantWriter } from '../src/participants/application/participant-writer';
import { startedParticipant as startedState } from './participant-builder';
import { InMemoryAlerts } from './in-memory-alerts';
import { InMemoryDueTasks } from './in-memory-due-tasks';

/**
 * The set-up shared by the unit specs of the time-based (due) alerts of a participant
 * (services/flow-through/src/participants/application/check-due-alerts*.spec.ts): the use cases on
 * in-memory fakes, a clock the test moves, and a participant started on START.
 */

// Started 2026-02-02: planned end 2027-02-01, first evaluation due 2026-08-02.
export const START = '2026-02-02';
export const PLANNED_END = '2027-02-01';
export const FIRST_EVALUATION = '2026-08-02';

export function setUp(initialToday: string, rules?: AlertRulesSource) {
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

export async function storeStartedParticipant(
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

export const ended = (today: string) => (p: ParticipantState) =>
  changeTrajectory(p, { kind: 'end', on: today, destination: 'NEC_JOB' }, today, DEFAULT_TRAJECTORY_POLICY);
export const open = (list: Alert[]) => list.filter((a) => a.status !== 'RESOLVED');
