import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ALERT_RULE_BOUNDS } from '../domain/alert-rules';

const ending = ALERT_RULE_BOUNDS.endingWithinDays;
const evaluation = ALERT_RULE_BOUNDS.evaluationWithinDays;

/** The request: both windows, saved together. */
export class AlertRulesRequest {
  @ApiProperty({
    example: 45,
    minimum: ending.minDays,
    maximum: ending.maxDays,
    description: 'TRAJECTORY_ENDING_NO_PLAN opens this many days before the planned end when no plan names a target',
  })
  @IsInt()
  @Min(ending.minDays)
  @Max(ending.maxDays)
  endingWithinDays!: number;

  @ApiProperty({
    example: 21,
    minimum: evaluation.minDays,
    maximum: evaluation.maxDays,
    description: 'EVALUATION_DUE opens this many days before the evaluation of the running trajectory is due',
  })
  @IsInt()
  @Min(evaluation.minDays)
  @Max(evaluation.maxDays)
  evaluationWithinDays!: number;
}

class AlertRulesDefaultsView {
  @ApiProperty({ example: 60 }) endingWithinDays!: number;
  @ApiProperty({ example: 14 }) evaluationWithinDays!: number;
}

export class AlertRulesView {
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 45, description: 'The window the due checks use now, in days' }) endingWithinDays!: number;
  @ApiProperty({ example: 21, description: 'The window the due checks use now, in days' })
  evaluationWithinDays!: number;

  @ApiProperty({
    type: AlertRulesDefaultsView,
    description: 'The service-wide windows, which apply while the organisation saved none',
    example: { endingWithinDays: 60, evaluationWithinDays: 14 },
  })
  defaults!: AlertRulesDefaultsView;

  @ApiProperty({ type: String, nullable: true, example: 'admin-1', description: 'Null: the defaults apply' })
  editedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T09:30:00.000Z' })
  editedAt!: string | null;
}
