import { addDays } from '@stapsteen/calendar';
import type { AlertKind, AlertResolution, AlertSeverity } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import {
  Alert,
  AlertAction,
  AlertDecision,
  AlertFact,
  AlertPolicy,
  AlertStatus,
  AlertTransition,
  ClearCause,
  Moment,
  ParticipantAlerts,
  RaiseCause,
  SnoozeRequest,
  DEFAULT_ALERT_POLICY,
  MAX_RESOLVE_REASON_LENGTH,
  SYSTEM_ACTOR,
  currentAlertOf,
  coachingGapSeverity,
  emptyParticipantAlerts,
  openAlertOf,
  statusOn,
} from './alert-state';

// The state and its questions, so that `domain/alert` stays the one entry point of the aggregate.
export * from './alert-state';

/**
 * The transitions of a participant's alerts (raise, clear, acknowledge, snooze, resolve, reopen):
 * each takes the current state and returns the decision (new state, changes, facts to publish).
 */
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
