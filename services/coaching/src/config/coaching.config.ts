import { CommonServiceConfig } from '@stapsteen/config';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export class CoachingConfig extends CommonServiceConfig {
  /** A baseline assessment is due this many days after the trajectory started (6 weeks). */
  @IsInt()
  @Min(1)
  @Max(365)
  COACHING_BASELINE_DUE_DAYS: number = 42;

  /** A competency below target must be addressed by an assignment within this many days of the assessment. */
  @IsInt()
  @Min(1)
  @Max(365)
  COACHING_UNADDRESSED_DAYS: number = 30;

  /** An active assignment without a session or attendance for this many days is stalled. */
  @IsInt()
  @Min(1)
  @Max(365)
  COACHING_STALLED_DAYS: number = 30;

  /** At most this many active coachees per peer coach. */
  @IsInt()
  @Min(1)
  @Max(20)
  COACHING_PEER_MAX_COACHEES: number = 3;

  /** Suggest group training for a competency at least this share (%) of the organisation's other assessed participants lack… */
  @IsInt()
  @Min(1)
  @Max(100)
  COACHING_GROUP_SHARE_PERCENT: number = 30;

  /** …and at least this many of them. */
  @IsInt()
  @Min(1)
  @Max(1000)
  COACHING_GROUP_MIN_PARTICIPANTS: number = 3;

  /** Effectiveness cells based on fewer participants show no average: small groups can identify people. */
  @IsInt()
  @Min(2)
  @Max(100)
  COACHING_EFFECTIVENESS_MIN_PARTICIPANTS: number = 5;

  /** How often every participant's gaps are re-evaluated, for rules that open by the passing of time. */
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  COACHING_GAP_CHECK_MS: number = 3_600_000;

  /** Days are Belgian calendar days. */
  @IsIn(['Europe/Brussels'])
  TIME_ZONE: string = 'Europe/Brussels';
}
