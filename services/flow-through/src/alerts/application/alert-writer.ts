import { DomainError } from '@stapsteen/errors';
import { stampForOutbox } from '@stapsteen/messaging';
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
    private readonly inbox: Pick<AlertInbox, 'sync' | 'willChange'> | null = null,
  ) {}

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
        for (const change of decision.changes) {
          this.feed.publish({
            type: change.type,
            participantId: decision.state.participantId,
            organisationId: decision.state.organisationId,
            regionId: decision.state.regionId,
            alert: change.alert,
          });
        }
        return decision.state;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new DomainError('ALERT.CHANGED_MEANWHILE', 'conflict', 'Someone else changed this alert; try again.');
      }
    }
  }
}
