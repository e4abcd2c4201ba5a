import { describeBarrierRepositoryContract } from './contracts/barriers.contract';
import { describeImportJobRepositoryContract } from './contracts/import-jobs.contract';
import { describeMonthCloseRepositoryContract } from './contracts/month-closes.contract';
import { describeParticipantYearRepositoryContract } from './contracts/participant-years.contract';
import { describeParticipantRosterContract } from './contracts/roster.contract';
import { describeTargetSettingsContract } from './contracts/target-settings.contract';
import {
  InMemoryBarriers,
  InMemoryImportJobs,
  InMemoryMonthCloses,
  InMemoryParticipantYears,
  InMemoryRoster,
  InMemoryTargetSettings,
} from './in-memory-hours';

/**
 * The fakes the unit tests use keep the same contracts as the MongoDB adapters
 * (mongo-hours.int-spec.ts runs these suites against those).
 */
describeParticipantYearRepositoryContract('InMemoryParticipantYears', () => new InMemoryParticipantYears());
describeMonthCloseRepositoryContract('InMemoryMonthCloses', () => new InMemoryMonthCloses());
describeImportJobRepositoryContract('InMemoryImportJobs', () => new InMemoryImportJobs());
describeTargetSettingsContract('InMemoryTargetSettings', () => new InMemoryTargetSettings());
describeBarrierRepositoryContract('InMemoryBarriers', () => new InMemoryBarriers());
describeParticipantRosterContract('InMemoryRoster', () => {
  const roster = new InMemoryRoster();
  return {
    roster,
    know: async (entries) => entries.forEach((entry) => roster.add(entry)),
    erase: async (participantId) => roster.erase(participantId),
  };
});
