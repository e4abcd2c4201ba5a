import { Principal, canAccess } from '@stapsteen/auth';
import type { Clock } from '../../shared/clock';
import {
  AlertDecision,
  AlertKind,
  AlertPolicy,
  Moment,
  ParticipantAlerts,
  SnoozeRequest,
  acknowledgeAlert,
  alertNotFound,
  currentAlertOf,
  reopenAlert,
  resolveAlertManually,
  snoozeAlert,
} from '../domain/alert';
import { AlertReadModel, toReadModel } from './alert-queries';
import type { AlertWriter } from './alert-writer';

/**
 * What a person does with an alert in their inbox: acknowledge, snooze, resolve it (with a reason) or
 * undo a resolution.
 *
 * Who may: everyone who may see the alert. Unlike a participant's records (which only the
 * organisation's staff change, `assertCanWriteOrganisation`), the alert inbox belongs to the
 * regional manager as much as to the organisation: managers watch the alerts of their region and
 * must be able to take them up, put them aside or close them. Out of scope answers 404, as a read.
 */
export class ManageAlertHandler {
  constructor(
    private readonly writer: AlertWriter,
    private readonly clock: Clock,
    private readonly policy: AlertPolicy,
  ) {}

  acknowledge(principal: Principal, participantId: string, kind: AlertKind): Promise<AlertReadModel> {
    return this.change(principal, participantId, kind, (state, moment) => acknowledgeAlert(state, kind, moment));
  }

  snooze(
    principal: Principal,
    participantId: string,
    kind: AlertKind,
    request: SnoozeRequest,
  ): Promise<AlertReadModel> {
    return this.change(principal, participantId, kind, (state, moment) =>
      snoozeAlert(state, kind, request, moment, this.policy),
    );
  }

  resolve(principal: Principal, participantId: string, kind: AlertKind, reason: string): Promise<AlertReadModel> {
    return this.change(principal, participantId, kind, (state, moment) =>
      resolveAlertManually(state, kind, reason, moment),
    );
  }

  /** Undo of a manual resolution, by anyone who may resolve it (see the class comment). */
  reopen(principal: Principal, participantId: string, kind: AlertKind): Promise<AlertReadModel> {
    return this.change(principal, participantId, kind, (state, moment) =>
      reopenAlert(state, kind, moment, this.policy),
    );
  }

  private async change(
    principal: Principal,
    participantId: string,
    kind: AlertKind,
    decide: (state: ParticipantAlerts, moment: Moment) => AlertDecision,
  ): Promise<AlertReadModel> {
    const now = this.clock.now();
    const moment = { now: now.toISOString(), today: this.clock.today(), by: principal.userId };
    const state = await this.writer.write({
      participantId,
      eventId: null,
      decide: (current) => {
        if (!current || !canAccess(principal, current.state)) throw alertNotFound();
        return decide(current.state, moment);
      },
    });
    const alert = currentAlertOf(state, kind);
    if (!state || !alert) throw alertNotFound();
    return toReadModel(state, alert, now, moment.today);
  }
}
