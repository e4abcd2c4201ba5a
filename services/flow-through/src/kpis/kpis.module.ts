import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@stapsteen/service-kit';
import { createHmac, randomUUID } from 'node:crypto';
import type { FlowThroughConfig } from '../config/flow-through.config';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '../organisations/application/organisation-directory';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CLOCK, Clock, clockFromEnvironment } from '../shared/clock';
import { KpiExports } from './application/kpi-exports';
import { KpiProjector } from './application/kpi-projector';
import { CachedKpiReadModels } from './application/cached-kpi-read-models';
import { KpiQueries } from './application/kpi-queries';
import { EXPORT_FILES, ExportFiles, PseudonymisedExportJobs } from './application/pseudonymised-export-jobs';
import { BIRTH_DATES, BirthDates, KPI_READ_MODELS, KpiReadModels } from './application/kpi-read-models';
import { MongoBirthDates } from './infrastructure/mongo-birth-dates';
import { MongoKpiReadModels } from './infrastructure/mongo-kpi-read-models';
import { TempExportFiles } from './infrastructure/temp-export-files';
import { KpiEventsConsumer } from './interface/kpi-events.consumer';
import { KpisController } from './interface/kpis.controller';

/** A keyed HMAC: stable for one secret, not reversible without it. 20 hex characters are plenty. */
export const keyedPseudonym = (secret: string, purpose: string) => (value: string) =>
  createHmac('sha256', secret).update(`${purpose}:${value}`).digest('hex').slice(0, 20);

/**
 * Global because the alerts' consumer owns the hours and coaching topics (one handler per topic)
 * and hands every envelope on to the KPI projector.
 */
@Global()
@Module({
  imports: [OrganisationsModule],
  controllers: [KpisController, KpiEventsConsumer],
  providers: [
    { provide: CLOCK, useFactory: () => clockFromEnvironment() },
    MongoKpiReadModels,
    {
      provide: KPI_READ_MODELS,
      useFactory: (stored: MongoKpiReadModels, config: FlowThroughConfig) =>
        new CachedKpiReadModels(stored, config.KPI_CACHE_MS),
      inject: [MongoKpiReadModels, SERVICE_CONFIG],
    },
    { provide: BIRTH_DATES, useClass: MongoBirthDates },
    {
      provide: KpiProjector,
      useFactory: (models: KpiReadModels, birthDates: BirthDates, config: FlowThroughConfig, clock: Clock) =>
        new KpiProjector(models, birthDates, keyedPseudonym(config.KPI_PSEUDONYM_SECRET, 'erasure'), () =>
          clock.today().slice(0, 7),
        ),
      inject: [KPI_READ_MODELS, BIRTH_DATES, SERVICE_CONFIG, CLOCK],
    },
    {
      provide: KpiQueries,
      useFactory: (models: KpiReadModels, directory: OrganisationDirectory, clock: Clock) =>
        new KpiQueries(models, directory, clock),
      inject: [KPI_READ_MODELS, ORGANISATION_DIRECTORY, CLOCK],
    },
    {
      provide: KpiExports,
      useFactory: (queries: KpiQueries, config: FlowThroughConfig) =>
        new KpiExports(queries, keyedPseudonym(config.KPI_PSEUDONYM_SECRET, 'participant')),
      inject: [KpiQueries, SERVICE_CONFIG],
    },
    { provide: EXPORT_FILES, useFactory: () => new TempExportFiles() },
    {
      provide: PseudonymisedExportJobs,
      useFactory: (queries: KpiQueries, exports: KpiExports, files: ExportFiles) =>
        new PseudonymisedExportJobs(queries, exports, files, randomUUID),
      inject: [KpiQueries, KpiExports, EXPORT_FILES],
    },
  ],
  exports: [KpiProjector],
})
export class KpisModule implements OnApplicationShutdown {
  constructor(private readonly pseudonymisedExports: PseudonymisedExportJobs) {}

  /** Running exports finish and every export file is removed. */
  onApplicationShutdown(): Promise<void> {
    return this.pseudonymisedExports.close();
  }
}
