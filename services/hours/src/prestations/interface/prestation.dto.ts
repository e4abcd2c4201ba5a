import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { GEBRUIKER_KINDS, GebruikerKind, MAX_MINUTES_PER_PRESTATION } from '../domain/prestation';
import { IsCalendarDate, IsCalendarInstant } from '@stapsteen/contracts';
import { IsQueryInteger } from '@stapsteen/service-kit';

export class GebruikerDto {
  @ApiProperty({ enum: GEBRUIKER_KINDS, example: 'SCHOOL' })
  @IsIn(GEBRUIKER_KINDS)
  kind!: GebruikerKind;

  @ApiProperty({ example: 'GBS De Klimop', description: 'Name or agreement reference of the gebruiker' })
  @IsString()
  @Length(1, 120)
  reference!: string;
}

export class PrestationFactsRequest {
  @ApiPropertyOptional({ example: '2026-11-18', description: 'Belgian calendar date; or give startsAt' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({
    example: '2026-11-18T11:30:00+01:00',
    description: 'When it started; its Brussels date is used',
  })
  @IsOptional()
  @IsCalendarInstant()
  startsAt?: string;

  @ApiProperty({
    example: 135,
    minimum: 1,
    maximum: MAX_MINUTES_PER_PRESTATION,
    description: 'Duration in minutes; each started hour counts one',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES_PER_PRESTATION)
  minutes!: number;

  @ApiProperty({ type: GebruikerDto })
  @ValidateNested()
  @Type(() => GebruikerDto)
  gebruiker!: GebruikerDto;

  @ApiProperty({ example: 'Middagtoezicht', description: 'From the organisation’s activity list' })
  @IsString()
  @Length(1, 80)
  activity!: string;

  @ApiPropertyOptional({ example: 14, description: 'Return trip in km; paid above 10 km' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(500)
  kilometres?: number;

  @ApiPropertyOptional({
    example: 'Prestatieformulier laat ontvangen',
    description: 'Required once the month is closed',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class RecordPrestationRequest extends PrestationFactsRequest {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsUUID()
  participantId!: string;
}

export class CorrectPrestationRequest extends PrestationFactsRequest {
  @ApiProperty({ example: 'Verkeerde duur ingegeven' })
  @IsString()
  @Length(1, 500)
  declare reason: string;
}

export class DeletePrestationRequest {
  @ApiProperty({ example: 'Dubbel ingegeven' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class YearQuery {
  @ApiProperty({ type: 'integer', example: 2026, minimum: 2018, maximum: 2100 })
  @IsQueryInteger({ min: 2018, max: 2100 })
  year!: number;
}

export class PrestationPath {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' })
  @IsUUID()
  participantId!: string;

  @ApiProperty({ type: 'integer', example: 2026, minimum: 2018, maximum: 2100 })
  @IsQueryInteger({ min: 2018, max: 2100 })
  year!: number;

  @ApiProperty({ example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' })
  @IsUUID()
  prestationId!: string;
}
