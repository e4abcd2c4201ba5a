import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FOLLOW_UP_CHECKPOINTS, FollowUpCheckpoint } from '../domain/follow-up';
import { IsEntityId } from '@stapsteen/contracts';
import { IsQueryInteger } from '@stapsteen/service-kit';

export class DueTasksQueryDto {
  @ApiPropertyOptional({ example: 'org-neteland', description: 'One organisation in scope (else 404)' })
  @IsOptional()
  @IsEntityId()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'region-kempen', description: 'One region in scope (else 404)' })
  @IsOptional()
  @IsEntityId()
  regionId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    default: 0,
    minimum: 0,
    maximum: 366,
    example: 14,
    description: 'Also list what comes due within this many days; 0: due today or overdue',
  })
  @IsOptional()
  @IsQueryInteger({ min: 0, max: 366 })
  within = 0;
}

class DueTaskDto {
  @ApiProperty({ example: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' }) participantId!: string;
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 'region-kempen' }) regionId!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Sofie Verbeeck',
    description: "The participant's name for the organisation's staff and admins; null for a regional manager",
  })
  name!: string | null;
  @ApiProperty({ example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' }) trajectoryId!: string;
  @ApiProperty({ example: '2027-05-13', description: 'Belgian calendar date it comes due' }) dueOn!: string;
}

export class DueEvaluationDto extends DueTaskDto {
  @ApiProperty({ example: false, description: 'The due date lies before today and no evaluation covers it' })
  overdue!: boolean;
}

export class DueFollowUpDto extends DueTaskDto {
  @ApiProperty({ enum: FOLLOW_UP_CHECKPOINTS, example: 'IMMEDIATE' }) checkpoint!: FollowUpCheckpoint;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-03-26',
    description: 'IMMEDIATE: last day of the window',
  })
  windowEndsOn!: string | null;
  @ApiProperty({ example: false, description: 'IMMEDIATE: the window passed without a result' })
  overdue!: boolean;
}

export class DueEvaluationList {
  @ApiProperty({ type: [DueEvaluationDto], description: 'Earliest due date first' }) items!: DueEvaluationDto[];
}

export class DueFollowUpList {
  @ApiProperty({ type: [DueFollowUpDto], description: 'Earliest due date first' }) items!: DueFollowUpDto[];
}
