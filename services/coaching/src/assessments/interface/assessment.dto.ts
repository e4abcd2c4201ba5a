import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSESSOR_KINDS, AssessorKind } from '@stapsteen/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { IsCalendarDate } from '@stapsteen/contracts';

export const COMPETENCY_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

export class RatingDto {
  @ApiProperty({ example: 'STIPTHEID' })
  @Matches(COMPETENCY_CODE, { message: 'competencyCode must be an upper-case competency code' })
  competencyCode!: string;

  @ApiProperty({
    example: 2,
    minimum: 1,
    maximum: 4,
    description: '1 nog niet, 2 gedeeltelijk, 3 grotendeels, 4 volledig',
  })
  @IsInt()
  @Min(1)
  @Max(4)
  level!: number;

  @ApiPropertyOptional({
    example: 'Kwam twee keer te laat op de school; verwittigde wel.',
    description: 'Stays in this service',
  })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  note?: string;
}

const RATINGS_EXAMPLE = [
  { competencyCode: 'STIPTHEID', level: 2, note: 'Kwam twee keer te laat; verwittigde wel.' },
  { competencyCode: 'SAMENWERKEN', level: 3 },
];

export class RecordAssessmentRequest {
  @ApiProperty({ enum: ASSESSOR_KINDS, example: 'COACH' })
  @IsIn(ASSESSOR_KINDS)
  assessorKind!: AssessorKind;

  @ApiProperty({ example: '2026-04-10' })
  @IsCalendarDate()
  assessedOn!: string;

  @ApiProperty({ type: [RatingDto], example: RATINGS_EXAMPLE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings!: RatingDto[];
}

export class BulkEntryDto {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsUUID()
  participantId!: string;

  @ApiProperty({ type: [RatingDto], example: RATINGS_EXAMPLE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings!: RatingDto[];
}

export class BulkAssessmentRequest {
  @ApiProperty({ enum: ASSESSOR_KINDS, example: 'COACH' })
  @IsIn(ASSESSOR_KINDS)
  assessorKind!: AssessorKind;

  @ApiProperty({ example: '2026-04-10' })
  @IsCalendarDate()
  assessedOn!: string;

  @ApiProperty({ type: [BulkEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BulkEntryDto)
  entries!: BulkEntryDto[];
}

export class HistoryQuery {
  @ApiPropertyOptional({ enum: ASSESSOR_KINDS })
  @IsOptional()
  @IsIn(ASSESSOR_KINDS)
  assessorKind?: AssessorKind;
}

export const toRatings = (ratings: RatingDto[]) =>
  ratings.map((rating) => ({ competencyCode: rating.competencyCode, level: rating.level, note: rating.note ?? null }));
