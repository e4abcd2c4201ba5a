import { describeOrganisationDirectoryContract } from '../../../test/organisation-directory-contract';
import { mongoTestDatabases } from '@stapsteen/testing';
import { MongoOrganisationDirectory } from './mongo-organisation-directory';

const databases = mongoTestDatabases();
afterAll(() => databases.close());

describeOrganisationDirectoryContract('the MongoDB organisation directory on the run’s database', async () => {
  const { connection } = await databases.fresh();
  return new MongoOrganisationDirectory(connection);
});
