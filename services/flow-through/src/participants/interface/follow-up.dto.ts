import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, ValidateIf } from 'class-validator';
import { FOLLOW_UP_CHECKPOINTS, FollowUpCheckpoint, IMMEDIATE_STATUSES, ImmediateStatus } from '../domain/follow-up';
import { IsCalendarDate } from '@stapsteen/contracts';

export class RecordFollowUpRequest {
  @ApiProperty({ enum: FOLLOW_UP_CHECKPOINTS, example: 'IMMEDIATE' })
  @IsIn(FOLLOW_UP_CHECKPOINTS)
  checkpoint!: FollowUpCheckpoint;

  @ApiProperty({ example: '2027-03-10', description: 'The day the result was established (Belgian calendar date)' })
  @IsCalendarDate()
  recordedOn!: string;

  @ApiPropertyOptional({
    enum: IMMEDIATE_STATUSES,
    example: 'EECR04',
    description:
      'IMMEDIATE only, one of: EECR01 job searching, EECR02 in education/training, EECR03 qualification, ' +
      'EECR04 employed, NONE',
  })
  @ValidateIf((o: RecordFollowUpRequest) => o.checkpoint === 'IMMEDIATE' || o.immediateStatus !== undefined)
  @IsIn(IMMEDIATE_STATUSES)
  immediateStatus?: ImmediateStatus;

  @ApiPropertyOptional({
    example: true,
    description: 'SIX_MONTHS (EECR05) and NINE_MONTHS only: in paid work at the checkpoint',
  })
  @ValidateIf((o: RecordFollowUpRequest) => o.checkpoint !== 'IMMEDIATE' || o.employed !== undefined)
  @IsBoolean()
  employed?: boolean;
}

export class FollowUpRecordView {
  @ApiProperty({ enum: FOLLOW_UP_CHECKPOINTS }) checkpoint!: FollowUpCheckpoint;
  @ApiProperty({ example: '2027-03-10' }) recordedOn!: string;
  @ApiPropertyOptional({ enum: [...IMMEDIATE_STATUSES, null], nullable: true, example: 'EECR04' })
  immediateStatus!: ImmediateStatus | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true, example: null }) employed!: boolean | null;
  @ApiProperty({ example: 'organiser-neteland' }) recordedBy!: string;
}

export class FollowUpCheckpointDto {
  @ApiProperty({ enum: FOLLOW_UP_CHECKPOINTS, example: 'SIX_MONTHS' }) checkpoint!: FollowUpCheckpoint;
  @ApiProperty({ example: '2027-08-26', description: 'From this day the checkpoint can be recorded' })
  dueOn!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-03-26',
    description: 'IMMEDIATE: last day of the window',
  })
  windowEndsOn!: string | null;
  @ApiPropertyOptional({ type: FollowUpRecordView, nullable: true, description: 'The result that counts' })
  result!: FollowUpRecordView | null;
  @ApiProperty({ example: false, description: 'Due and not yet recorded' }) open!: boolean;
  @ApiProperty({ example: false, description: 'IMMEDIATE window passed without a result' }) overdue!: boolean;
}

export class FollowUpOverviewDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' })
  trajectoryId!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-02-26',
    description: 'The ESF+ exit followed up',
  })
  exitOn!: string | null;
  @ApiProperty({ type: [FollowUpCheckpointDto], description: 'Empty while no started trajectory has ended' })
  checkpoints!: FollowUpCheckpointDto[];
}
