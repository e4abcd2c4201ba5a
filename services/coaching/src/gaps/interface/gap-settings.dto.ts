import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { GAP_WINDOW_MAX_DAYS, GAP_WINDOW_MIN_DAYS } from '../domain/gap-settings';

const range = { minimum: GAP_WINDOW_MIN_DAYS, maximum: GAP_WINDOW_MAX_DAYS };

export class GapWindowsDto {
  @ApiProperty({
    example: 42,
    ...range,
    description: 'NO_BASELINE opens when a running trajectory is this many days old without a staff assessment',
  })
  @IsInt()
  @Min(GAP_WINDOW_MIN_DAYS)
  @Max(GAP_WINDOW_MAX_DAYS)
  baselineDueDays!: number;

  @ApiProperty({
    example: 30,
    ...range,
    description: 'COMPETENCY_UNADDRESSED opens this many days after a below-target rating with no assignment for it',
  })
  @IsInt()
  @Min(GAP_WINDOW_MIN_DAYS)
  @Max(GAP_WINDOW_MAX_DAYS)
  unaddressedDays!: number;

  @ApiProperty({
    example: 30,
    ...range,
    description: 'STALLED_ASSIGNMENT opens when an active assignment had no session or attendance for this many days',
  })
  @IsInt()
  @Min(GAP_WINDOW_MIN_DAYS)
  @Max(GAP_WINDOW_MAX_DAYS)
  stalledDays!: number;
}

/** The request: all three windows, saved together. */
export class GapSettingsRequest extends GapWindowsDto {}

class GapDefaultsView {
  @ApiProperty({ example: 42 }) baselineDueDays!: number;
  @ApiProperty({ example: 30 }) unaddressedDays!: number;
  @ApiProperty({ example: 30 }) stalledDays!: number;
}

export class GapSettingsView {
  @ApiProperty({ example: 'org-neteland' }) organisationId!: string;
  @ApiProperty({ example: 28, description: 'The window the rules use now, in days' }) baselineDueDays!: number;
  @ApiProperty({ example: 30 }) unaddressedDays!: number;
  @ApiProperty({ example: 21 }) stalledDays!: number;

  @ApiProperty({
    type: GapDefaultsView,
    description: 'The configured windows (COACHING_*_DAYS), which apply while the organisation saved none',
    example: { baselineDueDays: 42, unaddressedDays: 30, stalledDays: 30 },
  })
  defaults!: GapDefaultsView;

  @ApiProperty({ type: String, nullable: true, example: 'admin-1', description: 'Null: the defaults apply' })
  editedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T09:30:00.000Z' })
  editedAt!: string | null;
}
