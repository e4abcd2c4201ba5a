import { Principal, canAccess, scopeFilter } from '@stapsteen/auth';
import type { Clock } from '../../shared/clock';
import { Alert, AlertKind, AlertStatus, alertNotFound, currentAlertOf, statusOn } from '../domain/alert';
import type { AlertRepository } from './alert-repository';

/** An alert as a screen shows it: with its participant's scope, today's status and its age. */
export interface AlertReadModel extends Alert {
  participantId: string;
  organisationId: string;
  regionId: string;
  /** Whole days since it was raised. */
  ageDays: number;
}

export interface AlertListQuery {
  status?: AlertStatus;
  kind?: AlertKind;
  limit: number;
  offset: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function toReadModel(
  scope: { participantId: string; organisationId: string; regionId: string },
  alert: Alert,
  now: Date,
  today: string,
): AlertReadModel {
  return {
    ...alert,
    status: statusOn(alert, today),
    participantId: scope.participantId,
    organisationId: scope.organisationId,
    regionId: scope.regionId,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(alert.raisedAt)) / DAY_MS)),
  };
}

export class AlertQueries {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly clock: Clock,
  ) {}

  /** The caller's alerts, newest first, filtered by today's status and kind. */
  async list(principal: Principal, query: AlertListQuery): Promise<{ items: AlertReadModel[]; total: number }> {
    const documents = await this.alerts.list(scopeFilter(principal));
    const now = this.clock.now();
    const today = this.clock.today();
    const matching = documents
      .flatMap((state) => state.alerts.map((alert) => toReadModel(state, alert, now, today)))
      .filter((a) => (!query.status || a.status === query.status) && (!query.kind || a.kind === query.kind))
      .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id));
    return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  /** The participant's alert of that kind (the open one, otherwise the latest), with its history. */
  async get(principal: Principal, participantId: string, kind: AlertKind): Promise<AlertReadModel> {
    const stored = await this.alerts.load(participantId);
    // Out of scope answers like "does not exist", so nobody learns about another organisation's participants.
    if (!stored || !canAccess(principal, stored.state)) throw alertNotFound();
    const alert = currentAlertOf(stored.state, kind);
    if (!alert) throw alertNotFound();
    return toReadModel(stored.state, alert, this.clock.now(), this.clock.today());
  }
}
