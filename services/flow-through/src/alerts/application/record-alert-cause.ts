import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ClearCause, RaiseCause, clearAlertCause, raiseAlert } from '../domain/alert';
import type { AlertWrite, AlertWriter } from './alert-writer';

export type AlertCauseChange =
  { kind: 'raise'; eventId: string; cause: RaiseCause } | { kind: 'clear'; eventId: string; cause: ClearCause };

/**
 * What the hours and coaching services report about a participant becomes an alert: a raise opens
 * or updates the alert of that kind, a clearance resolves it. Each event is applied once.
 */
export class RecordAlertCauseHandler {
  constructor(
    private readonly writer: AlertWriter,
    private readonly clock: Clock,
    private readonly newAlertId: () => string = randomUUID,
  ) {}

  async raise(eventId: string, cause: RaiseCause): Promise<void> {
    await this.writer.write(this.raising(eventId, cause));
  }

  async clear(eventId: string, cause: ClearCause): Promise<void> {
    await this.writer.write(this.clearing(eventId, cause));
  }

  /** Several raises and clearances (a batch of events) in as few writes as possible, each applied once. */
  async applyMany(causes: ReadonlyArray<AlertCauseChange>): Promise<void> {
    await this.writer.writeMany(
      causes.map((c) => (c.kind === 'raise' ? this.raising(c.eventId, c.cause) : this.clearing(c.eventId, c.cause))),
    );
  }

  private raising(eventId: string, cause: RaiseCause): AlertWrite {
    return {
      participantId: cause.participantId,
      eventId,
      decide: (current) => raiseAlert(current?.state ?? null, cause, this.moment(), this.newAlertId),
    };
  }

  private clearing(eventId: string, cause: ClearCause): AlertWrite {
    return {
      participantId: cause.participantId,
      eventId,
      decide: (current) => (current ? clearAlertCause(current.state, cause, this.moment()) : null),
    };
  }

  private moment() {
    return { now: this.clock.now().toISOString(), today: this.clock.today(), by: 'system' };
  }
}
