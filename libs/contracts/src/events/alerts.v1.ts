import { IsIn } from 'class-validator';
import { TOPICS } from '../topics';
import { defineEvent } from './definition';
import { Id, Instant } from './fields';

export const ALERT_KINDS = [
  'LOW_HOURS',
  'COACHING_GAP',
  'TRAJECTORY_ENDING_NO_PLAN',
  'EVALUATION_DUE',
  'FOLLOW_UP_DUE',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;

export class AlertRaisedV1 {
  @Id() alertId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @IsIn(ALERT_KINDS) kind!: AlertKind;
  @IsIn(ALERT_SEVERITIES) severity!: (typeof ALERT_SEVERITIES)[number];
  @Instant() raisedAt!: string;
}

export class AlertResolvedV1 {
  @Id() alertId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @IsIn(ALERT_KINDS) kind!: AlertKind;
  @Instant() resolvedAt!: string;
  @IsIn(['CAUSE_CLEARED', 'MANUAL']) resolution!: 'CAUSE_CLEARED' | 'MANUAL';
}

const scope = {
  alertId: 'f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f708192',
  participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
};

export const alertEvents = [
  defineEvent({
    type: 'alert.raised',
    version: 1,
    topic: TOPICS.alerts,
    payload: AlertRaisedV1,
    example: { ...scope, kind: 'LOW_HOURS', severity: 'HIGH', raisedAt: '2026-11-11T07:00:00.000Z' },
  }),
  defineEvent({
    type: 'alert.resolved',
    version: 1,
    topic: TOPICS.alerts,
    payload: AlertResolvedV1,
    example: { ...scope, kind: 'LOW_HOURS', resolvedAt: '2026-12-11T07:00:00.000Z', resolution: 'CAUSE_CLEARED' },
  }),
];
