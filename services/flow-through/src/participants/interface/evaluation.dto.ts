import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { EVALUATION_OUTCOMES, EvaluationOutcome } from '../domain/evaluation';
import { IsCalendarDate } from '@stapsteen/contracts';

export class RecordEvaluationRequest {
  @ApiProperty({ example: '2026-08-04', description: 'The day the evaluation was held' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiProperty({ enum: EVALUATION_OUTCOMES, example: 'ADJUST_PLAN' })
  @IsIn(EVALUATION_OUTCOMES)
  outcome!: EvaluationOutcome;
}

export class EvaluationRecordView {
  @ApiProperty({ example: '2026-08-04' }) heldOn!: string;
  @ApiProperty({ enum: EVALUATION_OUTCOMES, example: 'CONTINUE' }) outcome!: EvaluationOutcome;
  @ApiProperty({ example: 'coach-neteland' }) heldBy!: string;
}

export class EvaluationOverviewDto {
  @ApiProperty({ example: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d' }) trajectoryId!: string;
  @ApiProperty({ example: ['2026-08-02'], description: 'Every interval from the start (month end when shorter)' })
  dueDates!: string[];
  @ApiProperty({ type: [EvaluationRecordView] }) held!: EvaluationRecordView[];
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-08-02', description: 'Null when none is due' })
  nextDueOn!: string | null;
  @ApiProperty({ example: false, description: 'The next due date has passed' }) overdue!: boolean;
}
