import { IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { Id, Instant } from '../fields';
import { ALERT_KINDS, AlertKind } from './codes';

export const ALERT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Kind and severity only: what the alert is about is looked up in the service that owns it. */
export class AlertRaisedV1 {
  @Id() alertId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @IsIn(ALERT_KINDS) kind!: AlertKind;
  @IsIn(ALERT_SEVERITIES) severity!: AlertSeverity;
  @Instant() raisedAt!: string;
}

export const alertRaisedV1Fixture: AlertRaisedV1 = {
  alertId: EXAMPLE.alertId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  kind: 'LOW_HOURS',
  severity: 'HIGH',
  raisedAt: '2026-11-10T23:00:05.000Z',
};

export const ALERT_RAISED_V1 = defineEvent({
  type: 'alert.raised',
  version: 1,
  topic: TOPICS.alerts,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: AlertRaisedV1,
  fixture: alertRaisedV1Fixture,
});
