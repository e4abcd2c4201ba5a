import { CommonServiceConfig } from '@stapsteen/config';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export class HoursConfig extends CommonServiceConfig {
  /** Counted hours per participant per calendar month (Besluit Vlaamse Regering 29/09/2017). */
  @IsInt()
  @Min(1)
  @Max(744)
  HOURS_MONTHLY_CAP: number = 60;

  /** Counted hours per participant per calendar year. */
  @IsInt()
  @Min(1)
  @Max(8784)
  HOURS_YEARLY_CAP: number = 630;

  /** Month and year boundaries are Belgian calendar months. */
  @IsIn(['Europe/Brussels'])
  TIME_ZONE: string = 'Europe/Brussels';
}
