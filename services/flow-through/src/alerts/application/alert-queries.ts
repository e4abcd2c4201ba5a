import { Principal, canAccess } from '@stapsteen/auth';
import { brusselsDateOf } from '@stapsteen/calendar';
import type { Clock } from '../../shared/clock';
import {
  ALERT_STATUSES,
  Alert,
  AlertKind,
  AlertSeverity,
  AlertStatus,
  alertNotFound,
  currentAlertOf,
  statusOn,
} from '../domain/alert';
import type { AlertRepository, AlertScopeQuery } from './alert-repository';

/** An alert as a screen shows it: with its participant's scope, today's status and its age. */
export interface AlertReadModel extends Alert {
  participantId: string;
  organisationId: string;
  regionId: string;
  /** Whole Belgian calendar days since it was raised (the dashboard's age bands count the same way). */
  ageDays: number;
}

export const ALERT_SORTS = ['newest', 'oldest', 'severity'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** Every status but RESOLVED: what the dashboard counts as open, and what the inbox shows unless told otherwise. */
export const UNRESOLVED_STATUSES: readonly AlertStatus[] = ALERT_STATUSES.filter((s) => s !== 'RESOLVED');

export interface AlertListQuery {
  /** Today's statuses to show; none given = every unresolved alert. */
  statuses?: readonly AlertStatus[];
  kind?: AlertKind;
  severity?: AlertSeverity;
  /** Narrows to one organisation; one outside the caller's scope finds nothing. */
  organisationId?: string;
  /** Only alerts raised more than this many days ago. */
  olderThanDays?: number;
  sort?: AlertSort;
  limit: number;
  offset: number;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** Whole Belgian calendar days from the day an alert was raised to today. */
export function alertAgeDays(raisedAt: string, today: string): number {
  const raisedOn = brusselsDateOf(new Date(raisedAt));
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${raisedOn}T00:00:00Z`)) / 86_400_000));
}

export function toReadModel(
  scope: { participantId: string; organisationId: string; regionId: string },
  alert: Alert,
  _now: Date,
  today: string,
): AlertReadModel {
  return {
    ...alert,
    status: statusOn(alert, today),
    participantId: scope.participantId,
    organisationId: scope.organisationId,
    regionId: scope.regionId,
    ageDays: alertAgeDays(alert.raisedAt, today),
  };
}

/**
 * The documents a caller may see, narrowed to one organisation when asked: a filter narrows and
 * never widens, so an organisation outside the caller's scope gives null (nothing to read).
 */
export function alertScopeOf(principal: Principal, organisationId?: string): AlertScopeQuery | null {
  switch (principal.role) {
    case 'ADMIN':
      return organisationId ? { organisationIds: [organisationId] } : {};
    case 'REGIONAL_MANAGER':
      if (principal.regionId === null) return null;
      return { regionId: principal.regionId, ...(organisationId ? { organisationIds: [organisationId] } : {}) };
    case 'ORGANISER':
    case 'COACH': {
      const own = organisationId
        ? principal.organisationIds.filter((id) => id === organisationId)
        : principal.organisationIds;
      return own.length > 0 ? { organisationIds: [...own] } : null;
    }
    default:
      return null;
  }
}

const comparators: Record<AlertSort, (a: AlertReadModel, b: AlertReadModel) => number> = {
  newest: (a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id),
  oldest: (a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id),
  severity: (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || comparators.newest(a, b),
};

export class AlertQueries {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's alerts filtered by today's status (every unresolved one by default), kind,
   * severity, organisation and age, sorted (newest first by default), one page with the total.
   */
  async list(principal: Principal, query: AlertListQuery): Promise<{ items: AlertReadModel[]; total: number }> {
    const scope = alertScopeOf(principal, query.organisationId);
    if (scope === null) return { items: [], total: 0 };
    const documents = await this.alerts.list(scope);
    const now = this.clock.now();
    const today = this.clock.today();
    const statuses = query.statuses && query.statuses.length > 0 ? query.statuses : UNRESOLVED_STATUSES;
    const matching = documents
      .flatMap((state) => state.alerts.map((alert) => toReadModel(state, alert, now, today)))
      .filter(
        (a) =>
          statuses.includes(a.status) &&
          (!query.kind || a.kind === query.kind) &&
          (!query.severity || a.severity === query.severity) &&
          (query.olderThanDays === undefined || a.ageDays > query.olderThanDays),
      )
      .sort(comparators[query.sort ?? 'newest']);
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
