import type { OutboxEntry } from '@stapsteen/messaging';
import type { ParticipantAlerts } from '../domain/alert';

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

/**
 * Which participants' documents a list reads: those of a region and/or of some organisations
 * (both given = both must hold; nothing given = every document, for admins).
 */
export interface AlertScopeQuery {
  regionId?: string;
  organisationIds?: readonly string[];
}

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
}

export const ALERT_REPOSITORY = Symbol('ALERT_REPOSITORY');
