import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ClearCause, RaiseCause, clearAlertCause, raiseAlert } from '../domain/alert';
import type { AlertWriter } from './alert-writer';

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
    await this.writer.write({
      participantId: cause.participantId,
      eventId,
      decide: (current) => raiseAlert(current?.state ?? null, cause, this.moment(), this.newAlertId),
    });
  }

  async clear(eventId: string, cause: ClearCause): Promise<void> {
    await this.writer.write({
      participantId: cause.participantId,
      eventId,
      decide: (current) => (current ? clearAlertCause(current.state, cause, this.moment()) : null),
    });
  }

  private moment() {
    return { now: this.clock.now().toISOString(), today: this.clock.today(), by: 'system' };
  }
}
