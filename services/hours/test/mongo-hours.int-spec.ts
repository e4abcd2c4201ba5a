import type { WriteGuard } from '@stapsteen/concurrency';
import { mongoTestDatabases } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { learnsFromEvents } from '../../../libs/participant-roster/test/roster.contract';
import { MongoBarriers } from '../src/barriers/infrastructure/mongo-barriers';
import { MongoMonthCloses, MongoTargetSettings } from '../src/month-close/infrastructure/mongo-month-closes';
import type { RosterEntry } from '../src/participants/application/participant-roster';
import { MongoParticipantRoster } from '../src/participants/infrastructure/mongo-participant-roster';
import { MongoImportJobs } from '../src/prestations/infrastructure/mongo-import-jobs';
import { MongoParticipantYearRepository } from '../src/prestations/infrastructure/mongo-participant-year-repository';
import { describeBarrierRepositoryContract } from './contracts/barriers.contract';
import { describeImportJobRepositoryContract } from './contracts/import-jobs.contract';
import { describeMonthCloseRepositoryContract } from './contracts/month-closes.contract';
import { describeParticipantYearRepositoryContract } from './contracts/participant-years.contract';
import { describeParticipantRosterContract } from './contracts/roster.contract';
import { describeTargetSettingsContract } from './contracts/target-settings.contract';

/**
 * The MongoDB adapters of hours keep the contracts their in-memory fakes keep
 * (in-memory-hours.spec.ts), on the real database: FerretDB in the test stack, MongoDB 7 in
 * production. The write guard is built as the service builds it, claims included.
 */
describe('the MongoDB adapters of hours', () => {
  let connection: Connection;
  let guard: WriteGuard;

  const databases = mongoTestDatabases();
  beforeAll(async () => {
    ({ connection, guard } = await databases.fresh());
  });
  afterAll(() => databases.close());

  describeParticipantYearRepositoryContract(
    'MongoParticipantYearRepository',
    () => new MongoParticipantYearRepository(connection, guard),
  );
  describeMonthCloseRepositoryContract('MongoMonthCloses', () => new MongoMonthCloses(connection, guard.lock));
  describeImportJobRepositoryContract('MongoImportJobs', () => new MongoImportJobs(connection));
  describeTargetSettingsContract('MongoTargetSettings', () => new MongoTargetSettings(connection));
  describeBarrierRepositoryContract('MongoBarriers', async () => {
    const barriers = new MongoBarriers(connection, guard);
    await barriers.onModuleInit();
    return barriers;
  });
  describeParticipantRosterContract('MongoParticipantRoster', async () => {
    const roster = new MongoParticipantRoster(connection, guard);
    await roster.onModuleInit();
    // The events flow-through publishes, applied as hours' consumer applies them.
    const events = learnsFromEvents<RosterEntry>(
      (envelope) => roster.apply(envelope),
      ({ monthlyHoursTarget, exPwa }) => ({ monthlyHoursTarget, exPwa }),
    );
    return { roster, ...events };
  });
});
