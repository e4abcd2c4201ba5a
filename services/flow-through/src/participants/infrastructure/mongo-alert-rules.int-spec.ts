import { mongoTestDatabases } from '@stapsteen/testing';
import { describeOrganisationSettingsStoreContract } from '../../../../../libs/organisation-settings/test/organisation-settings-store.contract';
import { MongoAlertRules } from './mongo-alert-rules';

const databases = mongoTestDatabases();
afterAll(() => databases.close());

describeOrganisationSettingsStoreContract(
  'the MongoDB alert rules on the run’s database',
  async () => new MongoAlertRules((await databases.fresh()).connection),
  (variant) => ({ endingWithinDays: 7 + variant, evaluationWithinDays: 7 }),
);
