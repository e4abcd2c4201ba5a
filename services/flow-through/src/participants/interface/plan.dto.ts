import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  MAX_PURPOSE,
  MAX_REASON,
  MAX_STEPS,
  MAX_STEP_DESCRIPTION,
  REFERRAL_STATUSES,
  REFERRAL_UPDATES,
  ReferralStatus,
  ReferralUpdate,
} from '../domain/plan';
import { DESTINATIONS, Destination } from '../domain/trajectory';
import { IsCalendarDate, IsEntityId } from '@stapsteen/contracts';
import { IsOmittable } from '@stapsteen/service-kit';

export class PlanStepRequest {
  @ApiPropertyOptional({
    example: '5b0c3f7e-2d1a-4c8b-9e6f-7a8b9c0d1e2f',
    description: 'Keep the id of an existing step; leave it out for a new one (never null)',
  })
  @IsOmittable()
  @IsEntityId()
  id?: string;

  @ApiProperty({ example: 'Sollicitatietraining bij VDAB volgen', maxLength: MAX_STEP_DESCRIPTION })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_STEP_DESCRIPTION)
  description!: string;

  @ApiProperty({ example: '2026-12-15', description: 'When the step should be done' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional({
    type: String,
    example: null,
    nullable: true,
    description: 'When it was done; null while open',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsCalendarDate()
  doneOn?: string | null;
}

export class PutPlanRequest {
  @ApiProperty({
    enum: [...DESTINATIONS, null],
    nullable: true,
    example: 'SOCIAL_ECONOMY',
    description: 'Where the trajectory aims to lead (the outflow taxonomy); null while undecided',
  })
  @ValidateIf((_o, value) => value !== null)
  @IsIn(DESTINATIONS)
  targetDestination!: Destination | null;

  @ApiProperty({ type: [PlanStepRequest], maxItems: MAX_STEPS, description: 'Replaces all steps' })
  @IsArray()
  @ArrayMaxSize(MAX_STEPS)
  @ValidateNested({ each: true })
  @Type(() => PlanStepRequest)
  steps!: PlanStepRequest[];
}

export class SendReferralRequest {
  @ApiProperty({ example: 'org-vdab-kempen', description: 'A partner organisation from the directory' })
  @IsEntityId()
  partnerOrganisationId!: string;

  @ApiProperty({ example: 'Screening arbeidsbeperking', maxLength: MAX_PURPOSE })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PURPOSE)
  purpose!: string;

  @ApiProperty({ example: '2026-11-04', description: 'The day the referral was sent' })
  @IsCalendarDate()
  sentOn!: string;
}

export class UpdateReferralRequest {
  @ApiProperty({ enum: REFERRAL_UPDATES, example: 'ACCEPTED' })
  @IsIn(REFERRAL_UPDATES)
  status!: ReferralUpdate;

  @ApiProperty({ example: '2026-11-10', description: 'The day the partner answered or finished' })
  @IsCalendarDate()
  on!: string;

  @ApiPropertyOptional({ example: 'Wachtlijst te lang', maxLength: MAX_REASON })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_REASON)
  reason?: string;
}

export class PlanStepView {
  @ApiProperty({ example: '5b0c3f7e-2d1a-4c8b-9e6f-7a8b9c0d1e2f' }) id!: string;
  @ApiProperty({ example: 'Sollicitatietraining bij VDAB volgen' }) description!: string;
  @ApiProperty({ example: '2026-12-15' }) dueOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) doneOn!: string | null;
}

export class ReferralHistoryView {
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'SENT' }) status!: ReferralStatus;
  @ApiProperty({ example: '2026-11-04' }) on!: string;
  @ApiProperty({ example: 'coach-neteland' }) by!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) reason!: string | null;
}

export class PartnerReferralView {
  @ApiProperty({ example: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'org-vdab-kempen' }) partnerOrganisationId!: string;
  @ApiProperty({ example: 'Screening arbeidsbeperking' }) purpose!: string;
  @ApiProperty({ example: '2026-11-04' }) sentOn!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'ACCEPTED' }) status!: ReferralStatus;
  @ApiProperty({ type: [ReferralHistoryView] }) history!: ReferralHistoryView[];
}

export class PlanView {
  @ApiProperty({ example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' }) trajectoryId!: string;
  @ApiPropertyOptional({ enum: [...DESTINATIONS, null], nullable: true, example: 'SOCIAL_ECONOMY' })
  targetDestination!: Destination | null;
  @ApiProperty({ type: [PlanStepView] }) steps!: PlanStepView[];
  @ApiProperty({ type: [PartnerReferralView] }) referrals!: PartnerReferralView[];
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-04' }) updatedOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'coach-neteland' }) updatedBy!: string | null;
}
