import { describeParticipantRepositoryContract } from '../../../test/participant-repository-contract';
import { mongoTestDatabases } from '@stapsteen/testing';
import { MongoParticipantRepository } from './mongo-participant-repository';

const databases = mongoTestDatabases();
afterAll(() => databases.close());

describeParticipantRepositoryContract('the MongoDB participant repository on the run’s database', async () => {
  const { connection, guard } = await databases.fresh();
  const repository = new MongoParticipantRepository(connection, guard);
  await repository.onModuleInit();
  return repository;
});
