import { CommonServiceConfig } from '@stapsteen/config';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { DESTINATIONS, Destination, JOTA_POSITIVE_DESTINATIONS } from '../participants/domain/trajectory';

/** Only for development and tests: anyone reading this file could recompute the pseudonyms. */
export const DEV_KPI_PSEUDONYM_SECRET = 'stapsteen-dev-kpi-pseudonym-secret';

export class FlowThroughConfig extends CommonServiceConfig {
  /** Maximum trajectory length in months (ex-PWA workers excepted). */
  @IsInt()
  @Min(1)
  @Max(60)
  TRAJECTORY_MAX_MONTHS: number = 12;

  /** Destinations that count as positive outflow, comma-separated (default: JoTa's definition). */
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  )
  @IsIn(DESTINATIONS, { each: true })
  POSITIVE_OUTFLOW_DESTINATIONS: Destination[] = [...JOTA_POSITIVE_DESTINATIONS];

  /** How many days ahead an alert may be snoozed. */
  @IsInt()
  @Min(1)
  @Max(365)
  ALERT_MAX_SNOOZE_DAYS: number = 90;

  /** Personal data is erased this many years after the last trajectory ended. */
  @IsInt()
  @Min(1)
  @Max(30)
  RETENTION_YEARS: number = 5;

  /** How often to look for participants due for anonymisation. */
  @IsInt()
  @Min(1000)
  @Max(604_800_000)
  RETENTION_CHECK_MS: number = 86_400_000;

  /** ESF+: the immediate result after exit counts when recorded within this many days of the exit. */
  @IsInt()
  @Min(1)
  @Max(90)
  FOLLOW_UP_IMMEDIATE_WINDOW_DAYS: number = 28;

  /** Evaluations come due every this many months from the start of a trajectory. */
  @IsInt()
  @Min(1)
  @Max(24)
  EVALUATION_INTERVAL_MONTHS: number = 6;

  /** How often to run the due checks of the time-based alerts whose day came; 0 turns the timer off. */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  ALERT_DUE_CHECK_MS: number = 3_600_000;

  /**
   * How long the KPI dashboard may reuse an organisation's figures and open-alerts documents, in ms
   * (the panels of one dashboard share one read). Changes from another instance show after this.
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  KPI_CACHE_MS: number = 5000;

  /**
   * The key of the HMAC that turns participant ids into the pseudonyms of the pseudonymised KPI
   * export. Keep it stable (pseudonyms then match across exports) and secret; production needs
   * its own.
   */
  @IsString()
  @MinLength(16)
  @ValidateBy({
    name: 'ownSecretInProduction',
    validator: {
      validate: (value, args) =>
        (args?.object as FlowThroughConfig).NODE_ENV !== 'production' || value !== DEV_KPI_PSEUDONYM_SECRET,
      defaultMessage: () => 'must be set to a secret of its own in production',
    },
  })
  KPI_PSEUDONYM_SECRET: string = DEV_KPI_PSEUDONYM_SECRET;
}
