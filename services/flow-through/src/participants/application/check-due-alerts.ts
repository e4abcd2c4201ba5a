import { addDays } from '@stapsteen/calendar';
import type { AlertRepository } from '../../alerts/application/alert-repository';
import type { RecordAlertCauseHandler } from '../../alerts/application/record-alert-cause';
import { Alert, ParticipantAlerts, openAlertOf } from '../../alerts/domain/alert';
import type { Clock } from '../../shared/clock';
import { policyWithRules } from '../domain/alert-rules';
import { DueAlertKind, DueAlertPolicy, DueAlertState, dueAlerts, nextDueAlertCheckOn } from '../domain/due-alerts';
import { evaluationSchedule } from '../domain/evaluation';
import { exitedTrajectory, followUpCheckpoints } from '../domain/follow-up';
import type { ParticipantState } from '../domain/participant';
import type { AlertRulesSource } from './alert-rules-service';
import type { ParticipantRepository } from './participant-repository';
import type { DueTaskEntry, DueTasksStore } from './due-tasks-store';

export type Serialize = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/** How many missed days one timer run catches up on, so a long outage does not become one huge run. */
const MAX_CATCH_UP_DAYS = 366;
const BACKFILL_PAGE = 200;

/**
 * The time-based alerts (trajectory ending without a plan, evaluation due, follow-up due) of one
 * participant at today's date: raises what `dueAlerts()` says is open and is not, clears what is
 * open and no longer should be, and refreshes the participant's due tasks and next check day.
 *
 * Every raise and clearance carries an id derived from what it says, so a second run on the same
 * facts is refused by the alert writer's applied-event ids (also when two instances run at once).
 * The generation (how many alerts of the kind were closed before) lets a cause that comes back
 * after clearing open a new alert.
 */
export class CheckDueAlertsHandler {
  constructor(
    private readonly participants: ParticipantRepository,
    private readonly alerts: AlertRepository,
    private readonly causes: RecordAlertCauseHandler,
    private readonly tasks: DueTasksStore,
    private readonly clock: Clock,
    /** The service-wide policy; its two windows are what an organisation without rules of its own gets. */
    private readonly policy: DueAlertPolicy,
    private readonly serialize: Serialize = (_key, work) => work(),
    private readonly rules: AlertRulesSource = {
      forOrganisation: async () => ({
        endingWithinDays: policy.endingWithinDays,
        evaluationWithinDays: policy.evaluationWithinDays,
      }),
    },
  ) {}

  /** Checks one participant; serialised per participant so a later check never loses to an earlier one. */
  check(participantId: string): Promise<void> {
    return this.serialize(`due-check:${participantId}`, async () => {
      const participant = await this.participants.findById(participantId);
      if (!participant) return;
      const today = this.clock.today();
      const policy = policyWithRules(this.policy, await this.rules.forOrganisation(participant.organisationId));
      const dues = dueAlerts(participant, today, policy);
      const stored = await this.tasks.entryOf(participant.organisationId, participant.id);
      const openKinds = dues.filter((due) => due.open).map((due) => due.kind);
      // Most writes find nothing due and nothing left open: skip the alerts read, which on FerretDB v1
      // costs a scan of the collection when the participant has no alerts document (ADR 6).
      if (openKinds.length > 0 || (stored?.openAlertKinds ?? []).length > 0) {
        const alerts = (await this.alerts.load(participantId))?.state ?? null;
        for (const due of dues) await this.reconcile(participant, alerts, due);
      }
      await this.refreshTasks(dueTaskEntryOf(participant, today, policy, openKinds), stored, participant);
    });
  }

  /**
   * Checks again every participant of the organisation that has something coming due, after its
   * rules changed: a longer window would otherwise wait for a check day planned by the shorter one.
   * Participants without a due-task entry have nothing any window could open.
   */
  async checkOrganisation(organisationId: string): Promise<{ checked: number; failed: number }> {
    let checked = 0;
    let failed = 0;
    for (const entry of await this.tasks.entriesOf(organisationId)) {
      try {
        await this.check(entry.participantId);
        checked++;
      } catch {
        // Its scheduled check day still comes; the timer tries then.
        failed++;
      }
    }
    return { checked, failed };
  }

  /**
   * The timer's run: checks the participants scheduled for every day since the last run up to
   * today. The first run ever schedules everybody (participants enrolled before the schedule existed).
   */
  async runScheduled(): Promise<{ checked: number; failed: number }> {
    const today = this.clock.today();
    let last = await this.tasks.lastCheckedDay();
    let checked = 0;
    let failed = 0;
    if (last === null) {
      ({ checked, failed } = await this.backfill());
      await this.tasks.setLastCheckedDay(today);
      return { checked, failed };
    }
    if (last < addDays(today, -MAX_CATCH_UP_DAYS)) last = addDays(today, -MAX_CATCH_UP_DAYS);
    for (let day = addDays(last, 1); day <= today; day = addDays(day, 1)) {
      for (const participantId of await this.tasks.scheduledOn(day)) {
        try {
          await this.check(participantId);
          checked++;
        } catch {
          // Tried again tomorrow rather than lost with the day's list.
          failed++;
          await this.tasks.schedule(addDays(today, 1), participantId).catch(() => undefined);
        }
      }
      await this.tasks.clearDay(day);
      await this.tasks.setLastCheckedDay(day);
    }
    return { checked, failed };
  }

  private async backfill(): Promise<{ checked: number; failed: number }> {
    let checked = 0;
    let failed = 0;
    for (let offset = 0; ; offset += BACKFILL_PAGE) {
      const page = await this.participants.list({ scope: {} }, { limit: BACKFILL_PAGE, offset });
      for (const participant of page.items) {
        try {
          await this.check(participant.id);
          checked++;
        } catch {
          failed++;
        }
      }
      if (page.items.length < BACKFILL_PAGE) return { checked, failed };
    }
  }

  private async reconcile(participant: ParticipantState, alerts: ParticipantAlerts | null, due: DueAlertState) {
    const ofKind = (alerts?.alerts ?? []).filter((a) => a.kind === due.kind);
    const generation = ofKind.filter((a) => a.status === 'RESOLVED').length;
    const open = openAlertOf(alerts, due.kind);
    if (!due.open) {
      if (open)
        await this.causes.clear(`due-cleared:${participant.id}:${due.kind}:${generation}`, {
          participantId: participant.id,
          kind: due.kind,
        });
      return;
    }
    if (open && open.severity === due.severity && saysTheSame(open, due.facts)) return;
    const latest = ofKind.at(-1);
    // Closed by hand for this very occurrence: it stays closed until it becomes more urgent or moves.
    if (
      !open &&
      latest?.resolution === 'MANUAL' &&
      latest.severity === due.severity &&
      saysTheSame(latest, due.facts)
    ) {
      return;
    }
    const occurrence = Object.values(due.facts).join('|');
    await this.causes.raise(`due:${participant.id}:${due.kind}:${occurrence}:${due.severity}:${generation}`, {
      participantId: participant.id,
      organisationId: participant.organisationId,
      regionId: participant.regionId,
      kind: due.kind,
      severity: due.severity,
      facts: due.facts,
    });
  }

  private async refreshTasks(entry: DueTaskEntry | null, stored: DueTaskEntry | null, participant: ParticipantState) {
    if (JSON.stringify(stored) === JSON.stringify(entry)) return;
    if (entry === null) {
      await this.tasks.remove(participant.organisationId, participant.id);
      return;
    }
    // Scheduled before the entry is saved: an entry naming a day is never left without the day's list.
    if (entry.nextCheckOn && entry.nextCheckOn !== stored?.nextCheckOn) {
      await this.tasks.schedule(entry.nextCheckOn, participant.id);
    }
    await this.tasks.save(entry);
  }
}

function saysTheSame(alert: Alert, facts: Record<string, string | null>): boolean {
  return Object.entries(facts).every(([key, value]) => alert.facts[key] === value);
}

/** The participant's due tasks and next check day; null when nothing will come due any more. */
export function dueTaskEntryOf(
  participant: ParticipantState,
  today: string,
  policy: DueAlertPolicy,
  openAlertKinds: DueAlertKind[],
): DueTaskEntry | null {
  if (participant.anonymisedAt !== null) return null;
  const current = participant.trajectories.at(-1)!;
  const { nextDueOn } = evaluationSchedule(current, today, policy.evaluationIntervalMonths);
  const exited = exitedTrajectory(participant);
  const followUps = exited
    ? followUpCheckpoints(exited, today, policy.followUp)
        .filter((c) => c.result === null)
        .map((c) => ({
          trajectoryId: exited.id,
          checkpoint: c.checkpoint,
          dueOn: c.dueOn,
          windowEndsOn: c.windowEndsOn,
        }))
    : [];
  const nextCheckOn = nextDueAlertCheckOn(participant, today, policy);
  if (nextDueOn === null && followUps.length === 0 && nextCheckOn === null && openAlertKinds.length === 0) {
    return null;
  }
  return {
    participantId: participant.id,
    organisationId: participant.organisationId,
    regionId: participant.regionId,
    name: `${participant.firstName} ${participant.lastName}`.trim(),
    evaluation: nextDueOn ? { trajectoryId: current.id, dueOn: nextDueOn } : null,
    followUps,
    nextCheckOn,
    openAlertKinds,
  };
}
