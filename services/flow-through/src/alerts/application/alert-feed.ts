import { Observable, Subject } from 'rxjs';
import type { AlertChangeType, Alert } from '../domain/alert';

/** A change to one alert, with the scope needed to decide who may see it. */
export interface AlertNotification {
  type: AlertChangeType;
  participantId: string;
  organisationId: string;
  regionId: string;
  alert: Alert;
}

/**
 * Live changes for the managers' screens, in this process only: a screen connected to another
 * instance sees the change on its next reload. Enough for one instance on FerretDB (ADR 5); a
 * broker-fed feed (the alert topic) is the step for several instances.
 */
export class AlertFeed {
  private readonly subject = new Subject<AlertNotification>();

  publish(notification: AlertNotification): void {
    this.subject.next(notification);
  }

  get changes(): Observable<AlertNotification> {
    return this.subject.asObservable();
  }

  complete(): void {
    this.subject.complete();
  }
}
