import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min, ValidateNested } from 'class-validator';

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
}

export class TargetSettingsRequest {
  @ApiProperty({
    type: [TargetStepDto],
    example: [
      { fromTrajectoryMonth: 1, hours: 10 },
      { fromTrajectoryMonth: 4, hours: 20 },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => TargetStepDto)
  steps!: TargetStepDto[];
}
