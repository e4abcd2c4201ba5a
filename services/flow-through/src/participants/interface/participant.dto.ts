import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { REFERRAL_SOURCES, ReferralSource } from '../domain/participant';
import { NationalRegisterNumber } from '../domain/national-register-number';
import type { ParticipantState } from '../domain/participant';
import { EsfParticipation, esfParticipation } from '../domain/esf';
import {
  DESTINATIONS,
  DROP_OFF_REASONS,
  DropOff,
  DropOffReason,
  DropOffStage,
  SUSPENSION_REASONS,
  Suspension,
  SuspensionReason,
  TRAJECTORY_STATUSES,
  Trajectory,
} from '../domain/trajectory';
import { DROP_OFF_STAGES } from '@stapsteen/contracts';
import { IsOmittable, IsPersonName, IsQueryInteger } from '@stapsteen/service-kit';
import { FollowUpRecordView } from './follow-up.dto';
import { IsCalendarDate, IsEntityId } from '@stapsteen/contracts';

export class EnrolParticipantRequest {
  @ApiProperty({ example: 'org-neteland' })
  @IsEntityId()
  organisationId!: string;

  @ApiProperty({
    example: 'Sofie',
    description: 'Any script, combining marks and emoji; no control or text-direction characters; at least one letter',
    maxLength: 80,
  })
  @IsString()
  @IsPersonName(80)
  firstName!: string;

  @ApiProperty({
    example: 'Verbeeck',
    description: 'Any script, combining marks and emoji; no control or text-direction characters; at least one letter',
    maxLength: 80,
  })
  @IsString()
  @IsPersonName(80)
  lastName!: string;

  @ApiProperty({ example: '1987-04-12', description: 'Calendar date, YYYY-MM-DD' })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiPropertyOptional({
    example: '87041212345',
    description: 'Optional; checked by its check digits and never shared',
  })
  @IsOmittable()
  @Matches(/^[\d\s.-]{11,15}$/, { message: 'nationalRegisterNumber must be 11 digits' })
  nationalRegisterNumber?: string;

  @ApiProperty({ enum: REFERRAL_SOURCES, example: 'VDAB' })
  @IsIn(REFERRAL_SOURCES)
  referralSource!: ReferralSource;

  @ApiPropertyOptional({ example: 'An Peeters (VDAB Geel)' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  referrerName?: string;

  @ApiPropertyOptional({ example: 'user-coach-1' })
  @IsOptional()
  @IsEntityId()
  coachId?: string;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  monthlyHoursTarget?: number;

  @ApiPropertyOptional({ example: false, description: 'Worked under PWA on 30/9/2017: no 12-month limit' })
  @IsOmittable()
  @IsBoolean()
  exPwa?: boolean;

  @ApiPropertyOptional({ example: '2026-11-02' })
  @IsOptional()
  @IsCalendarDate()
  enrolledOn?: string;
}

export class SuspensionView implements Suspension {
  @ApiProperty({ example: '2026-05-04' }) from!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-05-18', description: 'null while suspended' })
  until!: string | null;
  @ApiProperty({ enum: SUSPENSION_REASONS, example: 'ILLNESS' }) reasonCode!: SuspensionReason;
}

export class TrajectoryDropOffView implements DropOff {
  @ApiProperty({ enum: DROP_OFF_STAGES, example: 'INTAKE' }) stage!: DropOffStage;
  @ApiProperty({ enum: DROP_OFF_REASONS, example: 'NOT_REACHED' }) reasonCode!: DropOffReason;
}

export class TrajectoryView implements Trajectory {
  @ApiProperty({ example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' }) id!: string;
  @ApiProperty({ enum: TRAJECTORY_STATUSES, example: 'ACTIVE' }) status!: Trajectory['status'];
  @ApiProperty({ example: false }) reReferral!: boolean;
  @ApiProperty({ example: '2026-01-05' }) referredOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-01-12' }) intakeOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-02-02' }) startedOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-02-01' }) plannedEndOn!: string | null;
  @ApiProperty({
    type: [SuspensionView],
    example: [{ from: '2026-05-04', until: '2026-05-18', reasonCode: 'ILLNESS' }],
  })
  suspensions!: SuspensionView[];
  @ApiPropertyOptional({ type: String, nullable: true }) endedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: [...DESTINATIONS, null] }) destination!: Trajectory['destination'];
  @ApiPropertyOptional({ type: Boolean, nullable: true }) positiveOutflow!: boolean | null;
  @ApiPropertyOptional({
    type: TrajectoryDropOffView,
    nullable: true,
    example: { stage: 'INTAKE', reasonCode: 'NOT_REACHED' },
    description: 'Set when the referral stopped before the start',
  })
  dropOff?: TrajectoryDropOffView | null;
  @ApiPropertyOptional({
    type: [FollowUpRecordView],
    example: [
      {
        checkpoint: 'IMMEDIATE',
        recordedOn: '2027-03-10',
        immediateStatus: 'EECR04',
        employed: null,
        recordedBy: 'u-1',
      },
    ],
    description: 'Follow-up results after exit, in the order recorded',
  })
  followUps?: FollowUpRecordView[];
}

export class EsfView implements EsfParticipation {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-02-02',
    description: 'First start of any trajectory',
  })
  startOn!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-03-31',
    description: 'Latest exit; null while a started trajectory is open',
  })
  exitOn!: string | null;
  @ApiProperty({ example: 2, description: 'Started trajectories counted as this one ESF+ participation' })
  trajectoryCount!: number;
}

export class ParticipantView {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' }) id!: string;
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 'region-kempen' }) regionId!: string;
  @ApiProperty({ example: 'Sofie' }) firstName!: string;
  @ApiProperty({ example: 'Verbeeck' }) lastName!: string;
  @ApiPropertyOptional({ type: String, example: '1987-04-12', nullable: true }) dateOfBirth!: string | null;
  @ApiPropertyOptional({ type: String, example: '87.04.12-***.**', nullable: true }) nationalRegisterNumberMasked!:
    string | null;
  @ApiProperty({ enum: REFERRAL_SOURCES }) referralSource!: ReferralSource;
  @ApiPropertyOptional({ type: String, nullable: true }) referrerName!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) coachId!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 20 }) monthlyHoursTarget!: number | null;
  @ApiProperty() exPwa!: boolean;
  @ApiProperty({ example: '2026-11-02' }) enrolledOn!: string;
  @ApiProperty({ type: [TrajectoryView], description: 'Every referral, oldest first; the last is current' })
  trajectories!: TrajectoryView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Set once the personal data has been erased' })
  anonymisedAt!: string | null;
  @ApiProperty({ type: EsfView, description: 'ESF+ counts a participant once: first start, latest exit' })
  esf!: EsfView;

  static of(state: ParticipantState): ParticipantView {
    const { nationalRegisterNumber, enrolledBy: _enrolledBy, ...rest } = state;
    return {
      ...rest,
      nationalRegisterNumberMasked: nationalRegisterNumber
        ? NationalRegisterNumber.parse(nationalRegisterNumber).masked()
        : null,
      esf: esfParticipation(state.trajectories),
    };
  }
}

export class ParticipantPage {
  @ApiProperty({ type: [ParticipantView] }) items!: ParticipantView[];
  @ApiProperty({ example: 148 }) total!: number;
}

export class ListParticipantsQuery {
  @ApiPropertyOptional({ example: 'org-neteland', description: 'Only this organisation (404 when outside your scope)' })
  @IsOptional()
  @IsEntityId()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'coach-bram', description: 'Only the participants of this coach' })
  @IsOptional()
  @IsEntityId()
  coachId?: string;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @IsQueryInteger({ min: 1, max: 200 })
  limit = 50;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptional()
  @IsQueryInteger({ min: 0 })
  offset = 0;
}

export class UpdateParticipantRequest {
  @ApiPropertyOptional({
    example: 'Sofie',
    description: 'Any script, combining marks and emoji; no control or text-direction characters; at least one letter',
    maxLength: 80,
  })
  @IsOmittable()
  @IsString()
  @IsPersonName(80)
  firstName?: string;

  @ApiPropertyOptional({
    example: 'Verbeeck',
    description: 'Any script, combining marks and emoji; no control or text-direction characters; at least one letter',
    maxLength: 80,
  })
  @IsOmittable()
  @IsString()
  @IsPersonName(80)
  lastName?: string;

  @ApiPropertyOptional({ type: String, example: 'coach-bram', nullable: true })
  @IsOptional()
  @IsEntityId()
  coachId?: string | null;

  @ApiPropertyOptional({ type: Number, example: 25, minimum: 1, maximum: 60, nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  monthlyHoursTarget?: number | null;

  @ApiPropertyOptional({ example: false })
  @IsOmittable()
  @IsBoolean()
  exPwa?: boolean;

  @ApiPropertyOptional({ type: String, example: 'An Peeters (VDAB Geel)', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  referrerName?: string | null;
}
