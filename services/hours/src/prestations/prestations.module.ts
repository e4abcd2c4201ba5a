import { Module } from '@nestjs/common';
import { KeyedLock } from '@stapsteen/concurrency';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import type { HoursConfig } from '../config/hours.config';
import { PARTICIPANT_ROSTER, ParticipantRoster } from '../participants/application/participant-roster';
import { ParticipantsModule } from '../participants/participants.module';
import { CLOCK, Clock, clockFromEnvironment } from '../shared/brussels-time';
import { HoursQueries } from './application/hours-queries';
import { ImportPrestations } from './application/import/import-prestations';
import {
  IMPORT_JOB_REPOSITORY,
  ImportJobRepository,
  MONTH_CLOSE_LEDGER,
  MonthCloseLedger,
  PARTICIPANT_YEAR_REPOSITORY,
  ParticipantYearRepository,
} from './application/ports';
import { PrestationCommands } from './application/prestation-commands';
import type { CapPolicy } from './domain/participant-year';
import { MongoMonthCloses, MongoTargetSettings } from '../month-close/infrastructure/mongo-month-closes';
import { MongoParticipantYearRepository } from './infrastructure/mongo-participant-year-repository';
import { MongoImportJobs } from './infrastructure/mongo-import-jobs';
import { ImportsController } from './interface/imports.controller';
import { PrestationsController } from './interface/prestations.controller';

const caps = (config: HoursConfig): CapPolicy => ({
  monthlyCap: config.HOURS_MONTHLY_CAP,
  yearlyCap: config.HOURS_YEARLY_CAP,
  dailyMaximumMinutes: config.HOURS_DAILY_MAX_MINUTES,
});

@Module({
  imports: [ParticipantsModule],
  controllers: [PrestationsController, ImportsController],
  providers: [
    { provide: CLOCK, useFactory: () => clockFromEnvironment() },
    { provide: PARTICIPANT_YEAR_REPOSITORY, useClass: MongoParticipantYearRepository },
    { provide: MONTH_CLOSE_LEDGER, useClass: MongoMonthCloses },
    { provide: IMPORT_JOB_REPOSITORY, useClass: MongoImportJobs },
    MongoTargetSettings,
    {
      provide: ImportPrestations,
      useFactory: (
        years: ParticipantYearRepository,
        roster: ParticipantRoster,
        closes: MonthCloseLedger,
        jobs: ImportJobRepository,
        clock: Clock,
        config: HoursConfig,
        lock: KeyedLock,
      ) =>
        new ImportPrestations(years, roster, closes, jobs, clock, caps(config), (keys, work) =>
          lock.runMany(keys, work),
        ),
      inject: [
        PARTICIPANT_YEAR_REPOSITORY,
        PARTICIPANT_ROSTER,
        MONTH_CLOSE_LEDGER,
        IMPORT_JOB_REPOSITORY,
        CLOCK,
        SERVICE_CONFIG,
        KeyedLock,
      ],
    },
    {
      provide: PrestationCommands,
      useFactory: (
        years: ParticipantYearRepository,
        roster: ParticipantRoster,
        closes: MonthCloseLedger,
        clock: Clock,
        config: HoursConfig,
        lock: KeyedLock,
      ) => new PrestationCommands(years, roster, closes, clock, caps(config), (key, work) => lock.run(key, work)),
      inject: [PARTICIPANT_YEAR_REPOSITORY, PARTICIPANT_ROSTER, MONTH_CLOSE_LEDGER, CLOCK, SERVICE_CONFIG, KeyedLock],
    },
    {
      provide: HoursQueries,
      useFactory: (
        years: ParticipantYearRepository,
        roster: ParticipantRoster,
        config: HoursConfig,
        closes: MongoMonthCloses,
        targets: MongoTargetSettings,
        clock: Clock,
      ) =>
        new HoursQueries(
          years,
          roster,
          caps(config),
          {
            centsPerCountedHour: config.HOURS_ALLOWANCE_CENTS_PER_HOUR,
            centsPerKilometre: config.HOURS_KM_ALLOWANCE_CENTS,
            kilometreThreshold: config.HOURS_KM_THRESHOLD,
          },
          // The targets and the closed months' judgements, for "below target" in the grid and the year.
          { targets, closes, clock },
        ),
      inject: [
        PARTICIPANT_YEAR_REPOSITORY,
        PARTICIPANT_ROSTER,
        SERVICE_CONFIG,
        MONTH_CLOSE_LEDGER,
        MongoTargetSettings,
        CLOCK,
      ],
    },
  ],
  exports: [PARTICIPANT_YEAR_REPOSITORY, CLOCK],
})
export class PrestationsModule {}
