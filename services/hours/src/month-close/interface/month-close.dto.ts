import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  DEFAULT_FLAG_AFTER_MONTHS_BELOW,
  MAX_FLAG_AFTER_MONTHS_BELOW,
  MIN_FLAG_AFTER_MONTHS_BELOW,
} from '../domain/low-hours';

const LOW_HOURS_RULE =
  'Closed months in a row below target before a participant is flagged at risk of low hours ' +
  `(${MIN_FLAG_AFTER_MONTHS_BELOW}–${MAX_FLAG_AFTER_MONTHS_BELOW}, default ${DEFAULT_FLAG_AFTER_MONTHS_BELOW}). ` +
  'A participant is also flagged when three closed months each had fewer hours than the one before and the ' +
  'last ended below target; a flag stays while the participant is below target and clears in the first closed ' +
  'month at or above it. MEDIUM when raised, HIGH from one month more than this number in a row (or this number ' +
  'and a falling trend at once).';

export class TargetStepDto {
  @ApiProperty({ example: 4, description: 'From this month of the trajectory on (the start month is 1)' })
  @IsInt()
  @Min(1)
  @Max(120)
  fromTrajectoryMonth!: number;

  @ApiProperty({ example: 20, description: 'Monthly target in counted hours' })
  @IsInt()
  @Min(1)
  @Max(60)
  hours!: number;
}

export class TargetSettingsView {
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;

  @ApiProperty({
    type: [TargetStepDto],
    description: 'Empty: the organisation has no ramp, and the fallback target applies',
    example: [
      { fromTrajectoryMonth: 1, hours: 10 },
      { fromTrajectoryMonth: 4, hours: 20 },
    ],
  })
  steps!: TargetStepDto[];

  @ApiProperty({ example: 20, description: 'The target without a ramp or a participant’s own target' })
  fallbackMonthlyTarget!: number;

  @ApiProperty({
    example: 2,
    minimum: MIN_FLAG_AFTER_MONTHS_BELOW,
    maximum: MAX_FLAG_AFTER_MONTHS_BELOW,
    description: LOW_HOURS_RULE,
  })
  flagAfterMonthsBelow!: number;

  @ApiProperty({
    example: DEFAULT_FLAG_AFTER_MONTHS_BELOW,
    description: 'The rule’s number when the organisation sets none',
  })
  defaultFlagAfterMonthsBelow!: number;
}

/** Replaces the organisation's hours settings whole (PUT): the ramp and the low-hours rule. */
export class TargetSettingsRequest {
  @ApiProperty({
    type: [TargetStepDto],
    description: 'The target ramp; empty: no ramp, the fallback target applies',
    example: [
      { fromTrajectoryMonth: 1, hours: 10 },
      { fromTrajectoryMonth: 4, hours: 20 },
    ],
  })
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => TargetStepDto)
  steps!: TargetStepDto[];

  @ApiPropertyOptional({
    example: 2,
    minimum: MIN_FLAG_AFTER_MONTHS_BELOW,
    maximum: MAX_FLAG_AFTER_MONTHS_BELOW,
    description: `${LOW_HOURS_RULE} Left out: the default.`,
  })
  // Left out is the default; null is not a number of months (IsOptional would let it through).
  @ValidateIf((body: TargetSettingsRequest) => body.flagAfterMonthsBelow !== undefined)
  @IsInt()
  @Min(MIN_FLAG_AFTER_MONTHS_BELOW)
  @Max(MAX_FLAG_AFTER_MONTHS_BELOW)
  flagAfterMonthsBelow?: number;
}
