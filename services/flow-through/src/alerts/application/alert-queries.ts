import { Principal, canAccess, isInReadScope, readScopeOf } from '@stapsteen/auth';
import { CalendarDate, brusselsDateOf, daysBetween } from '@stapsteen/calendar';
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
import type { AlertInbox, AlertRepository, AlertScopeQuery, InboxEntry, InboxKey } from './alert-repository';

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
  /** Narrows to one participant (one `_id` read); one outside the caller's scope finds nothing. */
  participantId?: string;
  /** Only alerts raised more than this many days ago. */
  olderThanDays?: number;
  sort?: AlertSort;
  limit: number;
  offset: number;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** Whole Belgian calendar days from the day an alert was raised to today. */
export function alertAgeDays(raisedAt: string, today: CalendarDate): number {
  const raisedOn = brusselsDateOf(new Date(raisedAt));
  return Math.max(0, daysBetween(raisedOn, today));
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

/** The documents a caller may see, narrowed to one organisation when asked (null: nothing). */
export function alertScopeOf(principal: Principal, organisationId?: string): AlertScopeQuery | null {
  return readScopeOf(principal, organisationId);
}

/** An entry's status today: a snooze that ran out is open again (as statusOn). */
function statusOfEntry(entry: InboxEntry, today: string): AlertStatus {
  return entry.status === 'SNOOZED' && entry.snoozedUntil !== null && entry.snoozedUntil < today
    ? 'OPEN'
    : entry.status;
}

/**
 * The inbox documents that hold every unresolved alert a caller may see under a scope, or null
 * when only a scan can answer (an administrator without an organisation filter).
 */
function inboxKeysOf(scope: AlertScopeQuery): InboxKey[] | null {
  if (scope.organisationIds) return scope.organisationIds.map((id): InboxKey => `org:${id}`);
  if (scope.regionId !== undefined) return [`region:${scope.regionId}`];
  return null;
}

const inScope = (scope: AlertScopeQuery) => (entry: { regionId: string; organisationId: string }) =>
  isInReadScope(scope, entry);

type Sortable = Pick<AlertReadModel, 'id' | 'raisedAt' | 'severity'>;

const comparators: Record<AlertSort, (a: Sortable, b: Sortable) => number> = {
  newest: (a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id),
  oldest: (a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id),
  severity: (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || comparators.newest(a, b),
};

export class AlertQueries {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly clock: Clock,
    private readonly inbox: AlertInbox,
  ) {}

  /**
   * The caller's alerts filtered by today's status (every unresolved one by default), kind,
   * severity, organisation and age, sorted (newest first by default), one page with the total.
   */
  async list(principal: Principal, query: AlertListQuery): Promise<{ items: AlertReadModel[]; total: number }> {
    const scope = alertScopeOf(principal, query.organisationId);
    if (scope === null) return { items: [], total: 0 };
    const now = this.clock.now();
    const today = this.clock.today();
    const statuses = query.statuses && query.statuses.length > 0 ? query.statuses : UNRESOLVED_STATUSES;
    const keys = inboxKeysOf(scope);
    const matches = (a: { status: AlertStatus; kind: AlertKind; severity: AlertSeverity; ageDays: number }) =>
      statuses.includes(a.status) &&
      (!query.kind || a.kind === query.kind) &&
      (!query.severity || a.severity === query.severity) &&
      (query.olderThanDays === undefined || a.ageDays > query.olderThanDays);
    const sort = comparators[query.sort ?? 'newest'];
    if (!query.participantId && keys && !statuses.includes('RESOLVED')) {
      // The usual inbox: one `_id` read per inbox document, then the page's participants by `_id`.
      const entries = (await this.inbox.read(keys))
        .filter(inScope(scope))
        .map((e) => ({ ...e, status: statusOfEntry(e, today), ageDays: alertAgeDays(e.raisedAt, today) }))
        .filter(matches)
        .sort(sort);
      const page = entries.slice(query.offset, query.offset + query.limit);
      return { items: await this.itemsOf(page, now, today), total: entries.length };
    }
    // Resolved alerts, one participant, or everything (administrators): read the documents.
    const documents = query.participantId
      ? await this.participantDocument(principal, query.participantId, query.organisationId)
      : await this.alerts.list(scope);
    const matching = documents
      .flatMap((state) => state.alerts.map((alert) => toReadModel(state, alert, now, today)))
      .filter(matches)
      .sort(sort);
    return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  /** The page's alerts in full (facts, history), from their participants' documents by `_id`. */
  private async itemsOf(page: InboxEntry[], now: Date, today: string): Promise<AlertReadModel[]> {
    const ids = [...new Set(page.map((e) => e.participantId))];
    const loaded = new Map(
      (await Promise.all(ids.map((id) => this.alerts.load(id)))).flatMap((d) =>
        d ? [[d.state.participantId, d.state] as const] : [],
      ),
    );
    return page.flatMap((entry) => {
      const state = loaded.get(entry.participantId);
      const alert = state?.alerts.find((a) => a.id === entry.id);
      return state && alert ? [toReadModel(state, alert, now, today)] : [];
    });
  }

  private async participantDocument(principal: Principal, participantId: string, organisationId?: string) {
    const stored = await this.alerts.load(participantId);
    if (!stored || !canAccess(principal, stored.state)) return [];
    if (organisationId && stored.state.organisationId !== organisationId) return [];
    return [stored.state];
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
