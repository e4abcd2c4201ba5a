import type { AlertKind, AlertResolution, AlertSeverity } from '@stapsteen/contracts';

/**
 * A participant's alerts as a value: the statuses, actions and transitions' shapes, the policy,
 * and the questions asked of the state (open, current, status on a day). The transitions that
 * change it are in `alert.ts`.
 */

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
