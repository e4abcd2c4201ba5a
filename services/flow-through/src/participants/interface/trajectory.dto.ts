import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  DESTINATIONS,
  DROP_OFF_REASONS,
  Destination,
  DropOffReason,
  SUSPENSION_REASONS,
  SuspensionReason,
} from '../domain/trajectory';
import { IsCalendarDate } from '@stapsteen/contracts';

export class DatedStepRequest {
  @ApiProperty({ example: '2026-11-02', description: 'The day the step took place (Belgian calendar date)' })
  @IsCalendarDate()
  on!: string;
}

export class SuspendRequest extends DatedStepRequest {
  @ApiProperty({ enum: SUSPENSION_REASONS, example: 'ILLNESS' })
  @IsIn(SUSPENSION_REASONS)
  reasonCode!: SuspensionReason;
}

export class ExtendRequest {
  @ApiProperty({ example: '2027-04-30', description: 'The new planned end' })
  @IsCalendarDate()
  plannedEndOn!: string;
}

export class EndRequest extends DatedStepRequest {
  @ApiProperty({
    enum: DESTINATIONS,
    example: 'SOCIAL_ECONOMY',
    description: 'Where the participant goes next (mandatory)',
  })
  @IsIn(DESTINATIONS)
  destination!: Destination;
}

export class DropOffRequest {
  @ApiProperty({ example: '2026-09-22', description: 'The day the referral stopped (Belgian calendar date)' })
  @IsCalendarDate()
  droppedOn!: string;

  @ApiProperty({ enum: DROP_OFF_REASONS, example: 'NOT_REACHED', description: 'Why the referral stopped' })
  @IsIn(DROP_OFF_REASONS)
  reasonCode!: DropOffReason;
}
