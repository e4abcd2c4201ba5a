import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ALERT_SORTS, AlertReadModel, AlertSort } from '../application/alert-queries';
import {
  ALERT_ACTIONS,
  ALERT_KINDS,
  ALERT_RESOLUTIONS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  AlertAction,
  AlertKind,
  AlertResolution,
  AlertSeverity,
  AlertStatus,
  AlertTransition,
  MAX_RESOLVE_REASON_LENGTH,
} from '../domain/alert';
import { IsCalendarDate, IsEntityId } from '@stapsteen/contracts';
import { IsQueryInteger } from '@stapsteen/service-kit';

export class AlertParams {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsUUID()
  participantId!: string;

  @ApiProperty({ enum: ALERT_KINDS, example: 'LOW_HOURS' })
  @IsIn(ALERT_KINDS)
  kind!: AlertKind;
}

export class ListAlertsQuery {
  @ApiPropertyOptional({
    type: String,
    example: 'OPEN,SNOOZED',
    description:
      "Today's statuses, comma-separated (a snooze that ran out counts as OPEN). Default: every unresolved " +
      'alert (OPEN, ACKNOWLEDGED, SNOOZED), the same alerts the dashboard counts as open',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(ALERT_STATUSES.length)
  @IsIn(ALERT_STATUSES, { each: true })
  status?: AlertStatus[];

  @ApiPropertyOptional({ enum: ALERT_KINDS, example: 'LOW_HOURS' })
  @IsOptional()
  @IsIn(ALERT_KINDS)
  kind?: AlertKind;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, example: 'HIGH' })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  @ApiPropertyOptional({
    example: 'org-neteland',
    description: "One organisation; a filter narrows and never widens: one outside the caller's scope finds nothing",
  })
  @IsOptional()
  @IsEntityId()
  organisationId?: string;

  @ApiPropertyOptional({
    example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
    description: "One participant's alerts; one outside the caller's scope finds nothing",
  })
  @IsOptional()
  @IsUUID()
  participantId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 3660,
    example: 30,
    description: 'Only alerts raised more than this many Belgian calendar days ago (30 = the dashboard’s 31+ band)',
  })
  @IsOptional()
  @IsQueryInteger({ min: 0, max: 3660 })
  olderThanDays?: number;

  @ApiPropertyOptional({
    enum: ALERT_SORTS,
    default: 'newest',
    description: 'newest or oldest raised first; severity: HIGH first, then newest',
  })
  @IsOptional()
  @IsIn(ALERT_SORTS)
  sort: AlertSort = 'newest';

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @IsQueryInteger({ min: 1, max: 500 })
  limit = 50;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptional()
  @IsQueryInteger({ min: 0 })
  offset = 0;
}

export class SnoozeAlertRequest {
  @ApiProperty({
    example: 'Op verlof tot eind december; opvolgen bij terugkeer',
    description: 'Why the alert may stay quiet (kept with the alert, never in an event)',
  })
  @IsString()
  @Length(3, 300)
  reason!: string;

  @ApiProperty({ example: '2026-12-31', description: 'The last day the alert stays quiet (Belgian calendar date)' })
  @IsCalendarDate()
  until!: string;
}

export class ResolveAlertRequest {
  @ApiProperty({
    example: 'Deelnemer is gestart bij een nieuwe werkgever; opvolging via de coach',
    minLength: 1,
    maxLength: MAX_RESOLVE_REASON_LENGTH,
    description: "Why the alert is closed by hand (kept in the alert's history, never in an event)",
  })
  @IsString()
  @Length(1, MAX_RESOLVE_REASON_LENGTH)
  reason!: string;
}

export class AlertTransitionView implements AlertTransition {
  @ApiProperty({ enum: ALERT_ACTIONS, example: 'ACKNOWLEDGED' }) action!: AlertAction;
  @ApiProperty({ example: '2026-11-12T08:14:03.000Z' }) at!: string;
  @ApiProperty({ example: 'manager-kempen', description: "A user id, or 'system' for changes made by events" })
  by!: string;
  @ApiProperty({ enum: ALERT_STATUSES, example: 'ACKNOWLEDGED' }) status!: AlertStatus;
  @ApiProperty({ enum: ALERT_SEVERITIES, example: 'HIGH' }) severity!: AlertSeverity;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: null,
    description: 'Snoozes and manual resolutions: why',
  })
  reason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) until!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: [...ALERT_RESOLUTIONS, null], example: null })
  resolution!: AlertResolution | null;
}

export class AlertView implements AlertReadModel {
  @ApiProperty({ example: '3d9b8f1e-7a2c-4e5d-9b1a-2c3d4e5f6a7b' }) id!: string;
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' }) participantId!: string;
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 'region-kempen' }) regionId!: string;
  @ApiProperty({ enum: ALERT_KINDS, example: 'LOW_HOURS' }) kind!: AlertKind;
  @ApiProperty({ enum: ALERT_SEVERITIES, example: 'HIGH' }) severity!: AlertSeverity;
  @ApiProperty({ enum: ALERT_STATUSES, example: 'OPEN' }) status!: AlertStatus;
  @ApiProperty({ example: '2026-11-10T23:00:05.000Z' }) raisedAt!: string;
  @ApiProperty({ example: '2026-12-10T23:00:04.000Z' }) lastSeenAt!: string;
  @ApiProperty({ example: 3, description: 'Whole Belgian calendar days since the alert was raised' }) ageDays!: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) snoozedUntil!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) snoozeReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) resolvedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: [...ALERT_RESOLUTIONS, null], example: null })
  resolution!: AlertResolution | null;
  @ApiProperty({ type: [String], example: [], description: 'COACHING_GAP: the gaps still open' })
  openGapIds!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true },
    example: { month: '2026-10', countedHours: 14, targetHours: 20, consecutiveMonthsBelow: 2 },
    description: 'What the latest report of the cause said',
  })
  facts!: Record<string, string | number | boolean | null>;
  @ApiProperty({ type: [AlertTransitionView], description: 'Every change, oldest first' })
  history!: AlertTransitionView[];
}

export class AlertPage {
  @ApiProperty({ type: [AlertView] }) items!: AlertView[];
  @ApiProperty({ example: 296, description: 'Every alert matching the filters, on all pages' }) total!: number;
}
