import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COACHING_END_REASONS, CoachingEndReason } from '@stapsteen/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BulkEntryDto, COMPETENCY_CODE } from '../../assessments/interface/assessment.dto';
import { MAX_CAPACITY } from '../domain/group-session';
import { IsCalendarDate, IsEntityId } from '@stapsteen/contracts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const CompetencyCodes = () => (target: object, key: string | symbol) => {
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(50)(target, key);
  ArrayUnique()(target, key);
  Matches(COMPETENCY_CODE, { each: true, message: 'each value in $property must be an upper-case competency code' })(
    target,
    key,
  );
};

export class PlanGroupSessionRequest {
  @ApiProperty({ example: 'org-neteland' })
  @IsEntityId()
  organisationId!: string;

  @ApiPropertyOptional({
    example: 'region-kempen',
    description: 'Defaults to your region, or the one the participants’ events name',
  })
  @IsOptional()
  @IsEntityId()
  regionId?: string;

  @ApiProperty({ example: 'Op tijd komen en verwittigen' })
  @IsString()
  @Length(1, 120)
  title!: string;

  @ApiProperty({ example: ['STIPTHEID', 'COMMUNICEREN'] })
  @CompetencyCodes()
  competencyCodes!: string[];

  @ApiProperty({ example: '2026-05-12' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: '09:30' })
  @Matches(TIME, { message: 'startTime must be a time as HH:mm' })
  startTime!: string;

  @ApiProperty({ example: '12:00' })
  @Matches(TIME, { message: 'endTime must be a time as HH:mm' })
  endTime!: string;

  @ApiProperty({ example: 'Dienstencentrum De Wending, Geel' })
  @IsString()
  @Length(1, 200)
  place!: string;

  @ApiProperty({ example: 'Els Peeters' })
  @IsString()
  @Length(1, 100)
  trainer!: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: MAX_CAPACITY })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity!: number;
}

export class EnrolRequest {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsUUID()
  participantId!: string;
}

export class AttendanceRequest {
  @ApiProperty({
    example: ['6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c'],
    description: 'Who attended; the other enrolled did not show',
  })
  @IsArray()
  @ArrayMaxSize(MAX_CAPACITY)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  attendedParticipantIds!: string[];
}

export class GroupRatingsRequest {
  @ApiProperty({ example: '2026-05-12' })
  @IsCalendarDate()
  assessedOn!: string;

  @ApiProperty({ type: [BulkEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CAPACITY)
  @ValidateNested({ each: true })
  @Type(() => BulkEntryDto)
  entries!: BulkEntryDto[];
}

export class GroupListQuery {
  @ApiPropertyOptional({ example: 'org-neteland' })
  @IsOptional()
  @IsEntityId()
  organisationId?: string;
}

export class StartOneOnOneRequest {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsUUID()
  participantId!: string;

  @ApiPropertyOptional({ example: 'coach-an', description: 'Defaults to you (as a coach) or the participant’s coach' })
  @IsOptional()
  @IsEntityId()
  coachId?: string;

  @ApiProperty({ example: ['STRESS', 'STIPTHEID'] })
  @CompetencyCodes()
  competencyCodes!: string[];
}

export class OneOnOneListQuery {
  @ApiPropertyOptional({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsOptional()
  @IsUUID()
  participantId?: string;

  @ApiPropertyOptional({ example: 'coach-an' })
  @IsOptional()
  @IsEntityId()
  coachId?: string;
}

export class PlanSessionRequest {
  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate()
  plannedFor!: string;
}

export class LogSessionRequest {
  @ApiPropertyOptional({ example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', description: 'The planned session this was' })
  @IsOptional()
  @IsUUID()
  plannedSessionId?: string;

  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  attended!: boolean;

  @ApiPropertyOptional({ example: 'Besproken hoe ze de bus naar de school haalt.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class EndRequest {
  @ApiProperty({ enum: COACHING_END_REASONS, example: 'COMPLETED' })
  @IsIn(COACHING_END_REASONS)
  reasonCode!: CoachingEndReason;
}

export class PairRequest {
  @ApiProperty({
    example: '9a7b3c2d-1e0f-4a5b-8c7d-6e5f4a3b2c1d',
    description: 'The participant or former participant who coaches',
  })
  @IsUUID()
  peerCoachId!: string;

  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsUUID()
  coacheeId!: string;

  @ApiProperty({ example: ['STIPTHEID'] })
  @CompetencyCodes()
  competencyCodes!: string[];
}

export class PeerSessionRequest {
  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate()
  heldOn!: string;
}

export class SuggestionQuery {
  @ApiPropertyOptional({
    example: 'STIPTHEID,COMMUNICEREN',
    description: 'Defaults to the coachee’s competencies below target',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(COMPETENCY_CODE, { each: true, message: 'each value in competencies must be an upper-case competency code' })
  competencies?: string[];
}
