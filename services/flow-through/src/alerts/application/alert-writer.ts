import { DomainError } from '@stapsteen/errors';
import { OutboxEntry, stampForOutbox } from '@stapsteen/messaging';
import { aggregateKey } from '@stapsteen/concurrency';
import type { AlertDecision, ParticipantAlerts } from '../domain/alert';
import type { AlertFeed } from './alert-feed';
import {
  AlertInbox,
  AlertRepository,
  PARTICIPANT_ALERTS_COLLECTION,
  StoredParticipantAlerts,
} from './alert-repository';

// As readDecideWrite (ADR 18): two instances racing for one participant retry until one step is theirs.
const MAX_ATTEMPTS = 20;

export type Serialize = <T>(key: string, work: () => Promise<T>) => Promise<T>;
export type SerializeMany = <T>(keys: string[], work: () => Promise<T>) => Promise<T>;

export interface AlertWrite {
  participantId: string;
  /** The event being applied, recorded in the same write; null for a person's command. */
  eventId: string | null;
  /** Decides on the loaded document (null: the participant has no alerts yet); null means "nothing to do". */
  decide: (current: StoredParticipantAlerts | null) => AlertDecision | null;
}

/**
 * The one way alerts are written: under the participant's lock, load, decide, and store the new
 * state with its events and the applied event id in one write, retrying when the version moved
 * (several instances on MongoDB). Then the relay is nudged and live screens are told.
 */
export class AlertWriter {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly feed: AlertFeed,
    private readonly onStored: (participantId: string) => void = () => undefined,
    private readonly serialize: Serialize = (_key, work) => work(),
    /** The inbox read model; absent where nothing reads it (unit tests of other handlers). */
    private readonly inbox: AlertInbox | null = null,
    private readonly serializeMany: SerializeMany = (_keys, work) => work(),
  ) {}

  /**
   * A batch of events (one Kafka batch): each participant's events decided in order on one read
   * of their document, then every participant's write in a few bulk round trips (marks, claims,
   * updates, inbox entries) instead of several round trips per event. A participant whose write
   * lost a race is written again one event at a time, as \`write\` does.
   */
  async writeMany(requests: readonly AlertWrite[]): Promise<void> {
    if (requests.length === 0) return;
    const byParticipant = new Map<string, AlertWrite[]>();
    for (const request of requests)
      byParticipant.set(request.participantId, [...(byParticipant.get(request.participantId) ?? []), request]);
    const ids = [...byParticipant.keys()];
    await this.serializeMany(
      ids.map((id) => aggregateKey(PARTICIPANT_ALERTS_COLLECTION, id)),
      async () => {
        const loaded = await this.alerts.loadMany(ids);
        const planned = ids.flatMap((id) => {
          const plan = planParticipant(loaded.get(id) ?? null, byParticipant.get(id)!);
          return plan ? [{ id, ...plan }] : [];
        });
        if (planned.length === 0) return;
        const marks = this.inbox
          ? await this.inbox.willChangeMany(
              planned.map((p) => ({ participantId: p.id, version: p.loaded?.version ?? 0 })),
            )
          : [];
        const stored = await this.alerts.storeMany(
          planned.map((p) => ({
            state: p.state,
            expectedVersion: p.loaded ? p.loaded.version : null,
            outbox: p.outbox,
            appliedEventIds: p.appliedEventIds,
          })),
        );
        const done = planned.filter((_, i) => stored[i]);
        await this.inbox?.syncMany(
          planned.flatMap((p, i) =>
            stored[i] ? [{ previous: p.loaded?.state ?? null, next: p.state, mark: marks[i] }] : [],
          ),
        );
        for (const p of done) {
          if (p.outbox.length > 0) this.onStored(p.id);
          for (const change of p.changes) this.tell(p.state, change);
        }
        // Someone else wrote one of these meanwhile: decide again on the new state, one event at a time.
        for (const [i, p] of planned.entries())
          if (!stored[i]) for (const request of byParticipant.get(p.id)!) await this.attempt(request);
      },
    );
  }

  private tell(state: ParticipantAlerts, change: AlertDecision['changes'][number]) {
    this.feed.publish({
      type: change.type,
      participantId: state.participantId,
      organisationId: state.organisationId,
      regionId: state.regionId,
      alert: change.alert,
    });
  }

  async write(request: AlertWrite): Promise<ParticipantAlerts | null> {
    return this.serialize(aggregateKey(PARTICIPANT_ALERTS_COLLECTION, request.participantId), () =>
      this.attempt(request),
    );
  }

  private async attempt(request: AlertWrite): Promise<ParticipantAlerts | null> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.alerts.load(request.participantId);
      if (request.eventId && loaded?.appliedEventIds.includes(request.eventId)) return loaded.state;
      const decision = request.decide(loaded);
      if (!decision || (decision.facts.length === 0 && decision.changes.length === 0)) return loaded?.state ?? null;
      const outbox = stampForOutbox(decision.facts, 'flow-through', request.eventId);
      const mark = await this.inbox?.willChange(request.participantId, loaded?.version ?? 0);
      const stored = loaded
        ? await this.alerts.update(decision.state, loaded.version, outbox, request.eventId)
        : await this.alerts.insert(decision.state, outbox, request.eventId);
      if (stored) {
        // Still under the participant's lock, so two changes of one participant reach the inbox in order.
        await this.inbox?.sync(loaded?.state ?? null, decision.state, mark);
        if (outbox.length > 0) this.onStored(request.participantId);
        for (const change of decision.changes) this.tell(decision.state, change);
        return decision.state;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new DomainError('ALERT.CHANGED_MEANWHILE', 'conflict', 'Someone else changed this alert; try again.');
      }
    }
  }
}

/**
 * One participant's events applied in order to what was read, as \`write\` would one by one: an
 * event already applied (a redelivery) changes nothing. Null when nothing changes.
 */
function planParticipant(loaded: StoredParticipantAlerts | null, requests: readonly AlertWrite[]) {
  let current = loaded;
  const outbox: OutboxEntry[] = [];
  const appliedEventIds: string[] = [];
  const changes: AlertDecision['changes'] = [];
  for (const request of requests) {
    if (request.eventId && current?.appliedEventIds.includes(request.eventId)) continue;
    const decision = request.decide(current);
    if (!decision || (decision.facts.length === 0 && decision.changes.length === 0)) continue;
    outbox.push(...stampForOutbox(decision.facts, 'flow-through', request.eventId));
    if (request.eventId) appliedEventIds.push(request.eventId);
    changes.push(...decision.changes);
    current = {
      state: decision.state,
      version: loaded?.version ?? 0,
      appliedEventIds: [...(current?.appliedEventIds ?? []), ...(request.eventId ? [request.eventId] : [])],
    };
  }
  if (!current || current === loaded) return null;
  return { loaded, state: current.state, outbox, appliedEventIds, changes };
}
