import { describeAlertRulesRepositoryContract } from '../../../test/alert-rules-repository-contract';
import { mongoTestDatabases } from '@stapsteen/testing';
import { MongoAlertRules } from './mongo-alert-rules';

const databases = mongoTestDatabases();
afterAll(() => databases.close());

describeAlertRulesRepositoryContract('the MongoDB alert rules on the run’s database', async () => {
  const { connection } = await databases.fresh();
  return new MongoAlertRules(connection);
});
