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

  /**
   * Minutes one participant may work on one calendar day, over all their prestations (12 h by
   * default). A day has 24 hours, so no setting may allow more than 1440.
   */
  @IsInt()
  @Min(60)
  @Max(1440)
  HOURS_DAILY_MAX_MINUTES: number = 720;

  /** Allowance per counted hour, in euro cents (EUR 4.10). */
  @IsInt()
  @Min(0)
  @Max(10000)
  HOURS_ALLOWANCE_CENTS_PER_HOUR: number = 410;

  /** Travel allowance per km of the return trip, in euro cents (EUR 0.15)… */
  @IsInt()
  @Min(0)
  @Max(1000)
  HOURS_KM_ALLOWANCE_CENTS: number = 15;

  /** …paid only when the return trip exceeds this many km. */
  @IsInt()
  @Min(0)
  @Max(1000)
  HOURS_KM_THRESHOLD: number = 10;

  /** A month closes itself this many days after it ends, if the organiser has not closed it. */
  @IsInt()
  @Min(0)
  @Max(60)
  HOURS_AUTO_CLOSE_AFTER_DAYS: number = 10;

  /** How often to look for months that are due to close themselves. */
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  HOURS_AUTO_CLOSE_CHECK_MS: number = 3_600_000;

  /** Month and year boundaries are Belgian calendar months. */
  @IsIn(['Europe/Brussels'])
  TIME_ZONE: string = 'Europe/Brussels';
}
