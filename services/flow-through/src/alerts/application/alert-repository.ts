import type { ReadScope } from '@stapsteen/auth';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { AlertKind, AlertSeverity, AlertStatus, ParticipantAlerts } from '../domain/alert';

/** The collection name is part of the lock key shared with the outbox relay. */
export const PARTICIPANT_ALERTS_COLLECTION = 'participant_alerts';

export interface StoredParticipantAlerts {
  state: ParticipantAlerts;
  version: number;
  /** Ids of the events already applied to this document, so a redelivery changes nothing. */
  appliedEventIds: string[];
}

export interface AlertsOwner {
  participantId: string;
  organisationId: string;
  regionId: string;
}

/** Which participants' documents a list reads (the caller's read scope). */
export type AlertScopeQuery = ReadScope;

export interface AlertRepository {
  load(participantId: string): Promise<StoredParticipantAlerts | null>;
  /**
   * Stores a participant's first alerts with their events (and the event that caused them) in one
   * write; false when the document exists already (someone was first).
   */
  insert(state: ParticipantAlerts, outbox: OutboxEntry[], appliedEventId: string | null): Promise<boolean>;
  /** Writes the new state, appends its events and the applied event id, if still at `expectedVersion`. */
  update(
    state: ParticipantAlerts,
    expectedVersion: number,
    outbox: OutboxEntry[],
    appliedEventId: string | null,
  ): Promise<boolean>;
  /**
   * Creates the participant's document without alerts, if there is none. Called at enrolment so a
   * later alert finds its document: on FerretDB v1 a lookup that finds nothing scans the whole
   * collection (ADR 6), which made every participant's first alert slower than the last.
   */
  ensure(owner: AlertsOwner): Promise<void>;
  /** The documents within a scope. */
  list(scope: AlertScopeQuery): Promise<ParticipantAlerts[]>;
  /** Several participants' documents by `_id` (absent: no entry). */
  loadMany(participantIds: readonly string[]): Promise<Map<string, StoredParticipantAlerts>>;
  /**
   * Several participants' writes at once (a batch of events): inserts for those without a document
   * (`expectedVersion` null), version-claimed updates for the others, in as few round trips as the
   * database allows. Per write: stored, or false when someone else was first (decide again).
   */
  storeMany(writes: readonly StoreWrite[]): Promise<boolean[]>;
}

export interface StoreWrite {
  state: ParticipantAlerts;
  /** null: the participant has no document yet. */
  expectedVersion: number | null;
  outbox: OutboxEntry[];
  appliedEventIds: string[];
}

export const ALERT_REPOSITORY = Symbol('ALERT_REPOSITORY');

/**
 * The inbox read model: every unresolved alert, one small entry each, read per region or
 * organisation (`region:{id}`, `org:{id}`) without loading every participant's alerts. Kept in
 * step by the alert writer after each stored change; a change that died half-way is repaired.
 */
export interface InboxEntry {
  id: string;
  participantId: string;
  organisationId: string;
  regionId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  status: AlertStatus;
  snoozedUntil: string | null;
  raisedAt: string;
}

export type InboxKey = `region:${string}` | `org:${string}`;

export interface AlertInbox {
  /** The unresolved alerts under those keys (a key without a document has none). */
  read(keys: readonly InboxKey[]): Promise<InboxEntry[]>;
  /**
   * Before a participant's alerts are written (from `version`): marks the write, so one that dies
   * before its `sync` is repaired. Returns the mark for `sync`.
   */
  willChange(participantId: string, version: number): Promise<string>;
  /** After a participant's alerts were stored: their unresolved alerts listed, the others taken out, the mark gone. */
  sync(previous: ParticipantAlerts | null, next: ParticipantAlerts, mark?: string): Promise<void>;
  /** `willChange` for several participants in one write. */
  willChangeMany(steps: ReadonlyArray<{ participantId: string; version: number }>): Promise<string[]>;
  /** `sync` for several participants in as few writes as possible. */
  syncMany(
    changes: ReadonlyArray<{ previous: ParticipantAlerts | null; next: ParticipantAlerts; mark?: string }>,
  ): Promise<void>;
}

export const ALERT_INBOX = Symbol('ALERT_INBOX');

/** The inbox entries a participant's alerts give: the unresolved ones. */
export function inboxEntriesOf(state: ParticipantAlerts): InboxEntry[] {
  return state.alerts
    .filter((a) => a.status !== 'RESOLVED')
    .map((a) => ({
      id: a.id,
      participantId: state.participantId,
      organisationId: state.organisationId,
      regionId: state.regionId,
      kind: a.kind,
      severity: a.severity,
      status: a.status,
      snoozedUntil: a.snoozedUntil,
      raisedAt: a.raisedAt,
    }));
}
