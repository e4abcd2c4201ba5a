import type { EventEnvelope } from '@stapsteen/contracts';

/**
 * The participant roster that hours and coaching each keep: their own copy of what flow-through's
 * participant and trajectory events (`stapsteen.participants.v1`, `stapsteen.trajectories.v1`)
 * say, plus whatever else a service asks for. This file holds the rules, free of any framework:
 * which event sets which fields. The store (mongo-roster-store.ts) applies them once per event.
 */

/** A suspension of a trajectory, kept by a roster with `suspensions: true` (hours). */
export interface SuspensionWindow {
  from: string;
  until: string | null;
}

/** A trajectory as the roster knows it; `suspensions` only where the service keeps them. */
export interface TrajectoryWindow {
  trajectoryId: string;
  startedOn: string | null;
  endedOn: string | null;
  suspensions?: SuspensionWindow[];
}

/** What every roster knows about a participant. */
export interface RosterEntryBase {
  participantId: string;
  organisationId: string;
  regionId: string;
  displayName: string;
  coachId: string | null;
  trajectories: TrajectoryWindow[];
}

/** The stored document: top-level fields, trajectories keyed by id, the ids of applied events. */
export interface RosterDocument {
  _id: string;
  organisationId?: string;
  regionId?: string;
  displayName?: string;
  coachId?: string | null;
  erased?: boolean;
  /** Keyed by trajectory id, so each event updates one entry without array positions. */
  trajectories?: Record<string, TrajectoryWindow>;
  appliedEventIds: string[];
  /** The service's own fields (`participantFields`, `otherEvents`). */
  [field: string]: unknown;
}

export type EventData = Record<string, unknown>;

/** What one service's roster keeps beyond the common fields: its differences, named. */
export interface RosterOptions<Entry extends RosterEntryBase> {
  /**
   * Fields of `participant.enrolled`/`participant.updated` kept as they come, beyond organisation,
   * region, name and coach (hours: `monthlyHoursTarget`, `exPwa`).
   */
  participantFields?: readonly string[];
  /**
   * Whether a trajectory keeps its suspensions (`trajectory.suspended`/`resumed`; an end closes an
   * open one). Without, those events are not for this roster and the windows have no
   * `suspensions` field.
   */
  suspensions?: boolean;
  /** Further event types this roster keeps, each to the top-level fields it sets (coaching: low hours). */
  otherEvents?: Readonly<Record<string, (data: EventData) => Record<string, unknown>>>;
  /** The service's own fields of an entry, read from a stored document (defaults where it lacks them). */
  ownFields: (document: RosterDocument) => Omit<Entry, keyof RosterEntryBase>;
  /** The most participants one list returns; unlimited when absent. */
  listLimit?: number;
}

/** The effect of one event on a participant's document. */
export type RosterChange =
  /** Sets top-level fields; with `trajectory`, also puts that trajectory window in place. */
  | { kind: 'set'; fields: Record<string, unknown>; trajectory?: TrajectoryWindow }
  /** Changes a stored trajectory window (a blank one when its start was not seen yet). */
  | { kind: 'change-trajectory'; trajectoryId: string; change: (current: TrajectoryWindow) => TrajectoryWindow };

/** The change an event makes to the roster; null when the event is not for this roster. */
export function rosterChange<Entry extends RosterEntryBase>(
  envelope: EventEnvelope<unknown>,
  options: RosterOptions<Entry>,
): RosterChange | null {
  const data = envelope.data as EventData;
  const suspensions = options.suspensions === true;
  switch (envelope.type) {
    case 'participant.enrolled':
    case 'participant.updated': {
      const fields: Record<string, unknown> = {
        organisationId: data.organisationId,
        regionId: data.regionId,
        displayName: data.displayName,
        coachId: data.coachId,
      };
      for (const field of options.participantFields ?? []) fields[field] = data[field];
      return { kind: 'set', fields };
    }
    case 'participant.erased':
      // Keep only ids, so a late redelivery cannot bring the personal data back.
      return { kind: 'set', fields: { erased: true, displayName: '', coachId: null } };
    case 'trajectory.started':
      return {
        kind: 'set',
        fields: { organisationId: data.organisationId, regionId: data.regionId },
        trajectory: {
          trajectoryId: data.trajectoryId as string,
          startedOn: data.startedOn as string | null,
          endedOn: null,
          ...(suspensions ? { suspensions: [] } : {}),
        },
      };
    case 'trajectory.suspended':
      if (!suspensions) return null;
      return changeOf(data, (t) => ({
        ...t,
        suspensions: [...(t.suspensions ?? []), { from: String(data.suspendedOn), until: null }],
      }));
    case 'trajectory.resumed':
      if (!suspensions) return null;
      return changeOf(data, (t) => ({ ...t, suspensions: closeOpenSuspension(t, String(data.resumedOn)) }));
    case 'trajectory.ended':
      return changeOf(data, (t) =>
        suspensions
          ? { ...t, endedOn: String(data.endedOn), suspensions: closeOpenSuspension(t, String(data.endedOn)) }
          : { ...t, endedOn: String(data.endedOn) },
      );
    default: {
      const other = options.otherEvents?.[envelope.type];
      return other ? { kind: 'set', fields: other(data) } : null;
    }
  }
}

function changeOf(data: EventData, change: (current: TrajectoryWindow) => TrajectoryWindow): RosterChange {
  return { kind: 'change-trajectory', trajectoryId: String(data.trajectoryId), change };
}

function closeOpenSuspension(t: TrajectoryWindow, on: string): SuspensionWindow[] {
  return (t.suspensions ?? []).map((s) => (s.until === null ? { ...s, until: on } : s));
}

/** A trajectory whose start the roster has not seen yet (the topics are consumed independently). */
export function blankTrajectory(trajectoryId: string, options: Pick<RosterOptions<RosterEntryBase>, 'suspensions'>) {
  const blank: TrajectoryWindow = { trajectoryId, startedOn: null, endedOn: null };
  return options.suspensions === true ? { ...blank, suspensions: [] } : blank;
}

/** The entry a stored document stands for, with the service's own fields. */
export function rosterEntryOf<Entry extends RosterEntryBase>(
  document: RosterDocument,
  options: RosterOptions<Entry>,
): Entry {
  return {
    participantId: document._id,
    organisationId: document.organisationId ?? '',
    regionId: document.regionId ?? '',
    displayName: document.displayName ?? '',
    coachId: document.coachId ?? null,
    ...options.ownFields(document),
    trajectories: Object.values(document.trajectories ?? {}).sort((a, b) =>
      (a.startedOn ?? '').localeCompare(b.startedOn ?? ''),
    ),
  } as Entry;
}
