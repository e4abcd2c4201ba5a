import { addDays } from '@stapsteen/calendar';
import type { AlertKind, AlertResolution, AlertSeverity } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';

// Kinds, severities and resolutions are part of the event contract other services rely on.
export { ALERT_KINDS, ALERT_SEVERITIES, ALERT_RESOLUTIONS } from '@stapsteen/contracts';
export type { AlertKind, AlertResolution, AlertSeverity } from '@stapsteen/contracts';

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_ACTIONS = ['RAISED', 'UPDATED', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED', 'REOPENED'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** Who changed an alert when the system did it on its own (an event raised, updated or cleared it). */
export const SYSTEM_ACTOR = 'system';

/** One step in an alert's life: who did what, when, and the state it left the alert in. */
export interface AlertTransition {
  action: AlertAction;
  at: string;
  by: string;
  status: AlertStatus;
  severity: AlertSeverity;
  /** Snoozes and manual resolutions: why. */
  reason: string | null;
  /** Snoozes only: the last day the alert stays quiet. */
  until: string | null;
  /** Resolutions only. */
  resolution: AlertResolution | null;
}

/** What the latest raise said, for the manager's screen (month and hours for low hours). */
export type AlertFacts = Record<string, string | number | boolean | null>;

export interface Alert {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  status: AlertStatus;
  raisedAt: string;
  /** The last time the cause was reported again (a new month below target, another gap). */
  lastSeenAt: string;
  snoozedUntil: string | null;
  snoozeReason: string | null;
  resolvedAt: string | null;
  resolution: AlertResolution | null;
  /** COACHING_GAP only: the gaps still open; the alert resolves itself when the last one closes. */
  openGapIds: string[];
  facts: AlertFacts;
  history: AlertTransition[];
}

/** The aggregate: every alert of one participant, so "one open alert per kind" is one document's invariant. */
export interface ParticipantAlerts {
  participantId: string;
  organisationId: string;
  regionId: string;
  /** Open and closed alerts, oldest first; a closed alert stays for its history. */
  alerts: Alert[];
}

/** What the aggregate reports for the outbox; the application stamps it into an envelope. */
export interface AlertFact {
  type: 'alert.raised' | 'alert.resolved';
  version: 1;
  participantId: string;
  data: Record<string, unknown>;
}

export type AlertChangeType = 'RAISED' | 'UPDATED' | 'ACKNOWLEDGED' | 'SNOOZED' | 'RESOLVED' | 'REOPENED';

/** A change a screen may want to show live. */
export interface AlertChange {
  type: AlertChangeType;
  alert: Alert;
}

export interface AlertDecision {
  state: ParticipantAlerts;
  facts: AlertFact[];
  changes: AlertChange[];
}

export interface RaiseCause {
  participantId: string;
  organisationId: string;
  regionId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  facts?: AlertFacts;
  /** COACHING_GAP: the gap that is (still) open. */
  gapId?: string;
}

export interface ClearCause {
  participantId: string;
  kind: AlertKind;
  /** COACHING_GAP: the gap that closed; the alert resolves only when no gap is left open. */
  gapId?: string;
}

export interface SnoozeRequest {
  reason: string;
  /** The last day (Belgian calendar date) the alert stays quiet. */
  until: string;
}

export interface AlertPolicy {
  /** How far ahead a snooze may reach, in days. */
  maxSnoozeDays: number;
  /** How long after a manual resolution it may be undone, in hours (default 24). */
  reopenWindowHours?: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = { maxSnoozeDays: 90, reopenWindowHours: 24 };

/** The longest reason a manual resolution keeps. */
export const MAX_RESOLVE_REASON_LENGTH = 500;

/** When and by whom a command happens; `now` is a UTC instant, `today` the Belgian calendar day. */
export interface Moment {
  now: string;
  today: string;
  by: string;
}

export function isOpen(alert: Alert): boolean {
  return alert.status !== 'RESOLVED';
}

/** The status as people see it today: a snooze ends after its last day and the alert is open again. */
export function statusOn(alert: Alert, today: string): AlertStatus {
  if (alert.status === 'SNOOZED' && alert.snoozedUntil !== null && alert.snoozedUntil < today) return 'OPEN';
  return alert.status;
}

export function openAlertOf(state: ParticipantAlerts | null, kind: AlertKind): Alert | null {
  return state?.alerts.find((a) => a.kind === kind && isOpen(a)) ?? null;
}

/** The alert of that kind people look at: the open one, otherwise the most recently raised. */
export function currentAlertOf(state: ParticipantAlerts | null, kind: AlertKind): Alert | null {
  const ofKind = (state?.alerts ?? []).filter((a) => a.kind === kind);
  return ofKind.find(isOpen) ?? ofKind[ofKind.length - 1] ?? null;
}

export function emptyParticipantAlerts(participantId: string, organisationId: string, regionId: string) {
  return { participantId, organisationId, regionId, alerts: [] } satisfies ParticipantAlerts;
}

/** Severity of a coaching-gap alert: one open gap is a concern, several at once are urgent. */
export function coachingGapSeverity(openGaps: number): AlertSeverity {
  return openGaps >= 2 ? 'HIGH' : 'MEDIUM';
}

/**
 * The cause of an alert was reported: opens an alert of that kind, or, when one is already open,
 * updates it (severity, last seen, facts) instead of opening a second one. `alert.raised` goes out
 * when an alert opens and again, with the same alert id, whenever its severity changes.
 */
export function raiseAlert(
  current: ParticipantAlerts | null,
  cause: RaiseCause,
  moment: Moment,
  newAlertId: () => string,
): AlertDecision {
  const base = current ?? emptyParticipantAlerts(cause.participantId, cause.organisationId, cause.regionId);
  const state = { ...base, organisationId: cause.organisationId, regionId: cause.regionId };
  const existing = openAlertOf(state, cause.kind);
  if (!existing) {
    const openGapIds = cause.gapId ? [cause.gapId] : [];
    const severity = cause.kind === 'COACHING_GAP' ? coachingGapSeverity(openGapIds.length) : cause.severity;
    const alert: Alert = {
      id: newAlertId(),
      kind: cause.kind,
      severity,
      status: 'OPEN',
      raisedAt: moment.now,
      lastSeenAt: moment.now,
      snoozedUntil: null,
      snoozeReason: null,
      resolvedAt: null,
      resolution: null,
      openGapIds,
      facts: cause.facts ?? {},
      history: [transition('RAISED', moment.now, SYSTEM_ACTOR, 'OPEN', severity)],
    };
    return {
      state: { ...state, alerts: [...state.alerts, alert] },
      facts: [raisedFact(state, alert)],
      changes: [{ type: 'RAISED', alert }],
    };
  }
  const openGapIds =
    cause.gapId && !existing.openGapIds.includes(cause.gapId)
      ? [...existing.openGapIds, cause.gapId]
      : existing.openGapIds;
  const severity = cause.kind === 'COACHING_GAP' ? coachingGapSeverity(openGapIds.length) : cause.severity;
  // A snooze that ran out is over: the new report finds the alert open again.
  const status = statusOn(existing, moment.today);
  const updated: Alert = {
    ...existing,
    severity,
    status,
    ...(status === 'OPEN' && existing.status === 'SNOOZED' ? { snoozedUntil: null, snoozeReason: null } : {}),
    lastSeenAt: moment.now,
    openGapIds,
    facts: { ...existing.facts, ...(cause.facts ?? {}) },
    history: [...existing.history, transition('UPDATED', moment.now, SYSTEM_ACTOR, status, severity)],
  };
  return {
    state: replace(state, updated),
    facts: severity !== existing.severity ? [raisedFact(state, updated)] : [],
    // A snoozed alert stays quiet: it is updated, but nobody's screen is told.
    changes: status === 'SNOOZED' ? [] : [{ type: 'UPDATED', alert: updated }],
  };
}

/**
 * The cause no longer holds (hours back on target, a gap closed): the open alert resolves itself.
 * A coaching-gap alert waits until every gap it holds has closed. Nothing open, nothing to do.
 */
export function clearAlertCause(current: ParticipantAlerts | null, cause: ClearCause, moment: Moment): AlertDecision {
  const unchanged = { state: current as ParticipantAlerts, facts: [], changes: [] };
  const existing = openAlertOf(current, cause.kind);
  if (!current || !existing) return unchanged;
  if (cause.kind === 'COACHING_GAP') {
    if (!cause.gapId || !existing.openGapIds.includes(cause.gapId)) return unchanged;
    const openGapIds = existing.openGapIds.filter((id) => id !== cause.gapId);
    if (openGapIds.length > 0) {
      const severity = coachingGapSeverity(openGapIds.length);
      const updated: Alert = {
        ...existing,
        openGapIds,
        severity,
        history: [...existing.history, transition('UPDATED', moment.now, SYSTEM_ACTOR, existing.status, severity)],
      };
      return {
        state: replace(current, updated),
        facts: severity !== existing.severity ? [raisedFact(current, updated)] : [],
        changes: existing.status === 'SNOOZED' ? [] : [{ type: 'UPDATED', alert: updated }],
      };
    }
  }
  return resolve(current, { ...existing, openGapIds: [] }, 'CAUSE_CLEARED', moment.now, SYSTEM_ACTOR);
}

/** A person has seen the alert and takes it up. */
export function acknowledgeAlert(current: ParticipantAlerts, kind: AlertKind, moment: Moment): AlertDecision {
  const alert = requireOpen(current, kind);
  const status = statusOn(alert, moment.today);
  if (status !== 'OPEN' && status !== 'SNOOZED') refuseTransition(alert, status, 'acknowledged');
  const updated: Alert = {
    ...alert,
    status: 'ACKNOWLEDGED',
    snoozedUntil: null,
    snoozeReason: null,
    history: [...alert.history, transition('ACKNOWLEDGED', moment.now, moment.by, 'ACKNOWLEDGED', alert.severity)],
  };
  return { state: replace(current, updated), facts: [], changes: [{ type: 'ACKNOWLEDGED', alert: updated }] };
}

/** Quiet until a date, with a reason (e.g. the participant is on planned leave). */
export function snoozeAlert(
  current: ParticipantAlerts,
  kind: AlertKind,
  request: SnoozeRequest,
  moment: Moment,
  policy: AlertPolicy = DEFAULT_ALERT_POLICY,
): AlertDecision {
  const alert = requireOpen(current, kind);
  const reason = request.reason.trim();
  if (reason.length === 0) {
    throw new DomainError('ALERT.SNOOZE_REASON_REQUIRED', 'validation', 'Say why the alert may stay quiet.');
  }
  if (request.until <= moment.today) {
    throw new DomainError('ALERT.SNOOZE_NOT_IN_FUTURE', 'rule-violation', 'A snooze must last until a later day.', {
      until: request.until,
      today: moment.today,
    });
  }
  const latest = addDays(moment.today, policy.maxSnoozeDays);
  if (request.until > latest) {
    throw new DomainError(
      'ALERT.SNOOZE_TOO_LONG',
      'rule-violation',
      `An alert can be snoozed for at most ${policy.maxSnoozeDays} days.`,
      { until: request.until, latest },
    );
  }
  const updated: Alert = {
    ...alert,
    status: 'SNOOZED',
    snoozedUntil: request.until,
    snoozeReason: reason,
    history: [
      ...alert.history,
      { ...transition('SNOOZED', moment.now, moment.by, 'SNOOZED', alert.severity), reason, until: request.until },
    ],
  };
  return { state: replace(current, updated), facts: [], changes: [{ type: 'SNOOZED', alert: updated }] };
}

/**
 * A person closes the alert, whatever its cause says, and says why (kept in the history, never in an
 * event); the next report of the cause opens a new one.
 */
export function resolveAlertManually(
  current: ParticipantAlerts,
  kind: AlertKind,
  reason: string,
  moment: Moment,
): AlertDecision {
  const alert = requireOpen(current, kind);
  const why = reason.trim();
  if (why.length === 0 || why.length > MAX_RESOLVE_REASON_LENGTH) {
    throw new DomainError(
      'ALERT.RESOLVE_REASON_REQUIRED',
      'validation',
      `Say why the alert is resolved, in 1 to ${MAX_RESOLVE_REASON_LENGTH} characters.`,
      { maxLength: MAX_RESOLVE_REASON_LENGTH },
    );
  }
  return resolve(current, { ...alert, openGapIds: [] }, 'MANUAL', moment.now, moment.by, why);
}

/**
 * Undo of a manual resolution: the alert is open again, as it was raised (same id, same raise time),
 * and `alert.raised` goes out again for it so every count of open alerts takes it back. Allowed
 * while the resolution is recent (the policy's window) and still the latest word on that kind: no
 * alert of the kind was raised since. An alert its cause resolved stays resolved (the cause is gone).
 */
export function reopenAlert(
  current: ParticipantAlerts,
  kind: AlertKind,
  moment: Moment,
  policy: AlertPolicy = DEFAULT_ALERT_POLICY,
): AlertDecision {
  const alert = currentAlertOf(current, kind);
  if (!alert) throw alertNotFound();
  if (alert.status !== 'RESOLVED') refuseTransition(alert, alert.status, 'reopened');
  if (alert.resolution !== 'MANUAL') {
    throw new DomainError(
      'ALERT.NOT_REOPENABLE',
      'rule-violation',
      'An alert resolved because its cause cleared cannot be reopened.',
      { alertId: alert.id, resolution: alert.resolution },
    );
  }
  const resolvedAt = alert.resolvedAt ?? alert.raisedAt;
  const windowHours = policy.reopenWindowHours ?? 24;
  const latest = new Date(Date.parse(resolvedAt) + windowHours * 3_600_000).toISOString();
  if (moment.now > latest) {
    throw new DomainError(
      'ALERT.REOPEN_WINDOW_PASSED',
      'rule-violation',
      `A resolution can be undone for ${windowHours} hours only.`,
      { alertId: alert.id, resolvedAt, latest },
    );
  }
  const reopened: Alert = {
    ...alert,
    status: 'OPEN',
    resolvedAt: null,
    resolution: null,
    history: [...alert.history, transition('REOPENED', moment.now, moment.by, 'OPEN', alert.severity)],
  };
  return {
    state: replace(current, reopened),
    facts: [raisedFact(current, reopened)],
    changes: [{ type: 'REOPENED', alert: reopened }],
  };
}

function resolve(
  state: ParticipantAlerts,
  alert: Alert,
  resolution: AlertResolution,
  at: string,
  by: string,
  reason: string | null = null,
): AlertDecision {
  const resolved: Alert = {
    ...alert,
    status: 'RESOLVED',
    resolvedAt: at,
    resolution,
    snoozedUntil: null,
    snoozeReason: null,
    history: [...alert.history, { ...transition('RESOLVED', at, by, 'RESOLVED', alert.severity), resolution, reason }],
  };
  return {
    state: replace(state, resolved),
    facts: [
      {
        type: 'alert.resolved',
        version: 1,
        participantId: state.participantId,
        data: {
          alertId: resolved.id,
          participantId: state.participantId,
          organisationId: state.organisationId,
          regionId: state.regionId,
          kind: resolved.kind,
          resolvedAt: at,
          resolution,
        },
      },
    ],
    changes: [{ type: 'RESOLVED', alert: resolved }],
  };
}

function requireOpen(state: ParticipantAlerts, kind: AlertKind): Alert {
  const alert = openAlertOf(state, kind);
  if (alert) return alert;
  const latest = currentAlertOf(state, kind);
  if (latest) refuseTransition(latest, latest.status, 'changed');
  throw alertNotFound();
}

function refuseTransition(alert: Alert, status: AlertStatus, action: string): never {
  throw new DomainError(
    'ALERT.INVALID_TRANSITION',
    'rule-violation',
    `An alert that is ${status.toLowerCase()} cannot be ${action}.`,
    { alertId: alert.id, status },
  );
}

export function alertNotFound(): DomainError {
  return new DomainError('ALERT.NOT_FOUND', 'not-found', 'There is no such alert in your organisations or region.');
}

function replace(state: ParticipantAlerts, alert: Alert): ParticipantAlerts {
  return { ...state, alerts: state.alerts.map((a) => (a.id === alert.id ? alert : a)) };
}

function raisedFact(state: ParticipantAlerts, alert: Alert): AlertFact {
  return {
    type: 'alert.raised',
    version: 1,
    participantId: state.participantId,
    data: {
      alertId: alert.id,
      participantId: state.participantId,
      organisationId: state.organisationId,
      regionId: state.regionId,
      kind: alert.kind,
      severity: alert.severity,
      raisedAt: alert.raisedAt,
    },
  };
}

function transition(
  action: AlertAction,
  at: string,
  by: string,
  status: AlertStatus,
  severity: AlertSeverity,
): AlertTransition {
  return { action, at, by, status, severity, reason: null, until: null, resolution: null };
}
