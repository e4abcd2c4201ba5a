import { IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { Id, Instant } from '../fields';
import { ALERT_KINDS, AlertKind } from './codes';

/** CAUSE_CLEARED: what raised it no longer holds (hours back on target, gap closed); MANUAL: a person closed it. */
export const ALERT_RESOLUTIONS = ['CAUSE_CLEARED', 'MANUAL'] as const;
export type AlertResolution = (typeof ALERT_RESOLUTIONS)[number];

export class AlertResolvedV1 {
  @Id() alertId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @IsIn(ALERT_KINDS) kind!: AlertKind;
  @Instant() resolvedAt!: string;
  @IsIn(ALERT_RESOLUTIONS) resolution!: AlertResolution;
}

export const alertResolvedV1Fixture: AlertResolvedV1 = {
  alertId: EXAMPLE.alertId,
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  kind: 'LOW_HOURS',
  resolvedAt: '2026-12-10T23:00:04.000Z',
  resolution: 'CAUSE_CLEARED',
};

export const ALERT_RESOLVED_V1 = defineEvent({
  type: 'alert.resolved',
  version: 1,
  topic: TOPICS.alerts,
  producer: 'flow-through',
  keyField: 'participantId',
  payloadClass: AlertResolvedV1,
  fixture: alertResolvedV1Fixture,
});
