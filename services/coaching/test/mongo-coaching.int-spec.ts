import type { WriteGuard } from '@stapsteen/concurrency';
import { mongoTestDatabases } from '@stapsteen/testing';
import { describeOrganisationSettingsStoreContract } from '../../../libs/organisation-settings/test/organisation-settings-store.contract';
import type { Connection } from 'mongoose';
import { MongoAssessments } from '../src/assessments/infrastructure/mongo-assessments';
import {
  MongoGroupSessions,
  MongoOneOnOnes,
  MongoPeerCoaches,
} from '../src/assignments/infrastructure/mongo-assignments';
import { MongoCatalogues } from '../src/competencies/infrastructure/mongo-catalogues';
import { MongoGapSettings } from '../src/gaps/infrastructure/mongo-gap-settings';
import { MongoGaps } from '../src/gaps/infrastructure/mongo-gaps';
import { MongoParticipantRoster } from '../src/participants/infrastructure/mongo-participant-roster';
import {
  describeAssessmentRepositoryContract,
  describeCatalogueRepositoryContract,
} from './contracts/assessments.contract';
import {
  describeGroupSessionRepositoryContract,
  describeOneOnOneRepositoryContract,
  describePeerCoachRepositoryContract,
} from './contracts/assignments.contract';
import { describeGapRepositoryContract } from './contracts/gaps.contract';
import { describeParticipantRosterContract } from './contracts/roster.contract';

/**
 * The MongoDB adapters of coaching keep the contracts their in-memory fakes keep
 * (in-memory-coaching.spec.ts), on the real database: FerretDB in the test stack, MongoDB 7 in
 * production. The write guard is built as the service builds it, version claims included.
 */
describe('the MongoDB adapters of coaching', () => {
  let connection: Connection;
  let guard: WriteGuard;

  const databases = mongoTestDatabases();
  beforeAll(async () => {
    ({ connection, guard } = await databases.fresh());
  });
  afterAll(() => databases.close());

  const initialised = async <T extends { onModuleInit(): Promise<void> }>(adapter: T) => {
    await adapter.onModuleInit();
    return adapter;
  };

  describeGroupSessionRepositoryContract('MongoGroupSessions', () =>
    initialised(new MongoGroupSessions(connection, guard)),
  );
  describeOneOnOneRepositoryContract('MongoOneOnOnes', () => initialised(new MongoOneOnOnes(connection, guard)));
  describePeerCoachRepositoryContract('MongoPeerCoaches', () => initialised(new MongoPeerCoaches(connection, guard)));
  describeGapRepositoryContract('MongoGaps', () => initialised(new MongoGaps(connection, guard)));
  describeParticipantRosterContract('MongoParticipantRoster', () =>
    initialised(new MongoParticipantRoster(connection, guard)),
  );
  describeAssessmentRepositoryContract('MongoAssessments', () => initialised(new MongoAssessments(connection)));
  describeCatalogueRepositoryContract('MongoCatalogues', () => initialised(new MongoCatalogues(connection)));
  describeOrganisationSettingsStoreContract(
    'MongoGapSettings',
    () => new MongoGapSettings(connection),
    (variant) => ({ baselineDueDays: 28, unaddressedDays: 21, stalledDays: 7 + variant }),
  );
});
