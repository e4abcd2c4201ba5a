import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_KINDS,
  AlertKind,
  DESTINATIONS,
  DROP_OFF_REASONS,
  DROP_OFF_STAGES,
  Destination,
  DropOffReason,
  DropOffStage,
} from '@stapsteen/contracts';
import { IsOptional } from 'class-validator';
import { FUNNEL_STAGES, FunnelStage } from '../domain/definitions';
import { HOURS_BUCKETS, HoursBucket } from '../domain/kpi-arithmetic';
import { IsCalendarMonth, IsEntityId } from '@stapsteen/contracts';
import { IsOmittable } from '@stapsteen/service-kit';

export class KpiQueryDto {
  @ApiPropertyOptional({
    example: 'region-kempen',
    description: "A region (managers: only their own; default: the caller's whole scope)",
  })
  @IsOmittable()
  @IsEntityId()
  regionId?: string;

  @ApiPropertyOptional({ example: 'org-neteland', description: 'One organisation within the caller’s scope' })
  @IsOmittable()
  @IsEntityId()
  organisationId?: string;

  @ApiPropertyOptional({
    example: '2025-12',
    description: 'First month (YYYY-MM); default: 11 months before `to`. At most 36 months in all.',
  })
  @IsOptional()
  @IsCalendarMonth()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11', description: 'Last month (YYYY-MM); default: the current Belgian month' })
  @IsOptional()
  @IsCalendarMonth()
  to?: string;
}

export class PeriodView {
  @ApiProperty({ example: '2025-12' }) from!: string;
  @ApiProperty({ example: '2026-11' }) to!: string;
}

const RATE = { nullable: true, minimum: 0, maximum: 1 } as const;

class SummaryFiguresView {
  @ApiProperty({ example: 212, description: 'Referrals (enrolments) in the period' }) referred!: number;
  @ApiProperty({
    example: 174,
    description: "Of the period's referrals, those that started (the funnel's STARTED; never above referred)",
  })
  started!: number;
  @ApiProperty({ example: 498, description: 'Distinct participants active in at least one month of the period' })
  active!: number;
  @ApiProperty({ example: 151, description: 'Trajectories ended after a start (exits) in the period' }) ended!: number;
  @ApiProperty({ type: Number, ...RATE, example: 0.6678, description: 'Positive exits over exits; null without exits' })
  positiveOutflowRate!: number | null;
  @ApiProperty({
    type: Number,
    ...RATE,
    example: 0.32,
    description: 'In paid work nine months after exit, over exits in the period whose nine-month result is known',
  })
  inWorkNineMonthsRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 18.4,
    description: 'Counted hours per closed participant-month',
  })
  averageCountedHours!: number | null;
  @ApiProperty({ type: Number, ...RATE, example: 0.21, description: 'Closed participant-months below their target' })
  shareBelowTarget!: number | null;
  @ApiProperty({
    type: Number,
    ...RATE,
    example: 0.83,
    description:
      'Of the active participants, the share coached in at least one month of the period; the coverage chart ' +
      'applies the same rule to each month',
  })
  coachingCoverage!: number | null;
  @ApiProperty({ example: 17, description: 'Alerts open now (whatever the period)' }) openAlerts!: number;
}

export class KpiSummaryView extends SummaryFiguresView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: String, nullable: true, example: 'region-kempen' }) regionId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) organisationId!: string | null;
}

export class OrganisationKpisView extends SummaryFiguresView {
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 'Wijk-werken Neteland' }) name!: string;
  @ApiProperty({ example: 'region-kempen' }) regionId!: string;
}

export class OrganisationKpisPage {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: [OrganisationKpisView], description: 'Drill-down: one entry per organisation, by name' })
  organisations!: OrganisationKpisView[];
}

export class HoursBucketView {
  @ApiProperty({ enum: HOURS_BUCKETS, example: '10-19' }) bucket!: HoursBucket;
  @ApiProperty({ example: 1240 }) participantMonths!: number;
}

export class HoursDistributionView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ example: 60, description: 'The cap on counted hours per participant-month' }) cap!: number;
  @ApiProperty({ type: [HoursBucketView] }) buckets!: HoursBucketView[];
}

export class HoursTrendMonthView {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ example: 512 }) participantMonths!: number;
  @ApiProperty({ type: Number, nullable: true, example: 18.4 }) averageCountedHours!: number | null;
  @ApiProperty({ type: Number, ...RATE, example: 0.21 }) shareBelowTarget!: number | null;
}

export class HoursTrendView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: [HoursTrendMonthView], description: 'Every month of the period, oldest first' })
  months!: HoursTrendMonthView[];
}

export class DestinationView {
  @ApiProperty({ enum: DESTINATIONS, example: 'SOCIAL_ECONOMY' }) destination!: Destination;
  @ApiProperty({ example: true, description: 'Whether these exits counted as positive outflow' }) positive!: boolean;
  @ApiProperty({ example: 23 }) count!: number;
}

export class OutflowView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: [DestinationView], description: 'Exits in the period, most frequent first' })
  destinations!: DestinationView[];
}

export class FunnelStageView {
  @ApiProperty({ enum: FUNNEL_STAGES, example: 'INTAKE' }) stage!: FunnelStage;
  @ApiProperty({ example: 180, description: 'Referrals of the period that reached this stage or a later one' })
  count!: number;
}

export class DropOffView {
  @ApiProperty({ enum: DROP_OFF_STAGES, example: 'INTAKE' }) stage!: DropOffStage;
  @ApiProperty({ enum: DROP_OFF_REASONS, example: 'NOT_REACHED' }) reasonCode!: DropOffReason;
  @ApiProperty({ example: 9 }) count!: number;
}

export class ReferralFunnelView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: [FunnelStageView] }) stages!: FunnelStageView[];
  @ApiProperty({ type: [DropOffView], description: 'Why referrals of the period stopped before the start' })
  dropOffs!: DropOffView[];
}

export class CoverageMonthView {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ example: 498, description: 'Distinct participants active in the month' })
  activeParticipants!: number;
  @ApiProperty({ example: 412, description: 'Of those, coached in the month' }) coached!: number;
  @ApiProperty({ type: Number, ...RATE, example: 0.827, description: 'coached over activeParticipants' }) coverage!:
    number | null;
}

export class CoachingCoverageView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: [CoverageMonthView] }) months!: CoverageMonthView[];
}

export class AlertAgeView {
  @ApiProperty({ example: 4 }) '0-7'!: number;
  @ApiProperty({ example: 2 }) '8-30'!: number;
  @ApiProperty({ example: 1 }) '31+'!: number;
}

export class AlertKindView {
  @ApiProperty({ enum: ALERT_KINDS, example: 'LOW_HOURS' }) kind!: AlertKind;
  @ApiProperty({ example: 7 }) open!: number;
  @ApiProperty({ type: AlertAgeView, description: 'Open alerts by days since raised' }) byAge!: AlertAgeView;
}

export class OpenAlertsView {
  @ApiProperty({ type: [AlertKindView], description: 'Every kind, open now' }) kinds!: AlertKindView[];
}

export class CohortView {
  @ApiProperty({ example: '2026-01' }) startMonth!: string;
  @ApiProperty({ example: 31 }) started!: number;
  @ApiProperty({ example: 20 }) ended!: number;
  @ApiProperty({ example: 13 }) positive!: number;
  @ApiProperty({
    type: Number,
    ...RATE,
    example: 0.419,
    description: 'Positive exits over everyone who started in the month',
  })
  flowThroughRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 301 }) medianDaysToExit!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 288.5 }) averageDaysToExit!: number | null;
}

export class CohortsView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: [CohortView], description: 'Trajectories started in the period, by start month' })
  cohorts!: CohortView[];
}

export class PseudonymisedExportProgressView {
  @ApiProperty({ example: 3, description: 'Organisations written so far' }) done!: number;
  @ApiProperty({ example: 8, description: 'Organisations in the export' }) total!: number;
  @ApiProperty({ example: 11250, description: 'Participant-months written so far' }) rows!: number;
  @ApiProperty({ example: 2, description: 'Organisation-months left out (fewer than 5 participants)' })
  suppressedGroups!: number;
}

export class PseudonymisedExportView {
  @ApiProperty({ example: '0b9f6a52-5d1e-4c1e-9f55-3a0d9c7e2b11' }) id!: string;
  @ApiProperty({ enum: ['RUNNING', 'DONE', 'FAILED'], example: 'RUNNING' }) status!: 'RUNNING' | 'DONE' | 'FAILED';
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: PseudonymisedExportProgressView }) progress!: PseudonymisedExportProgressView;
  @ApiProperty({ example: 'kpis-gepseudonimiseerd-2025-12_2026-11.csv' }) filename!: string;
  @ApiProperty({ example: '2026-11-15T10:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: null, description: 'Size of the finished file in bytes' })
  bytes!: number | null;
}
