import type { WriteGuard } from '@stapsteen/concurrency';
import { createEnvelope } from '@stapsteen/contracts';
import { mongoTestDatabases } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
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
    const apply = (participantId: string, type: string, data: object) =>
      roster.apply(
        createEnvelope({
          type,
          version: 1,
          producer: 'flow-through',
          participantId,
          correlationId: randomUUID(),
          data,
        }),
      );
    return {
      roster,
      // The events flow-through publishes, applied as hours' consumer applies them.
      know: async (entries: RosterEntry[]) => {
        for (const entry of entries) {
          const { participantId, organisationId, regionId } = entry;
          await apply(participantId, 'participant.enrolled', {
            participantId,
            organisationId,
            regionId,
            displayName: entry.displayName,
            coachId: entry.coachId,
            monthlyHoursTarget: entry.monthlyHoursTarget,
            exPwa: entry.exPwa,
          });
          for (const trajectory of entry.trajectories) {
            await apply(participantId, 'trajectory.started', {
              trajectoryId: trajectory.trajectoryId,
              participantId,
              organisationId,
              regionId,
              startedOn: trajectory.startedOn,
            });
          }
        }
      },
      erase: async (participantId: string) => {
        await apply(participantId, 'participant.erased', { participantId });
      },
    };
  });
});
