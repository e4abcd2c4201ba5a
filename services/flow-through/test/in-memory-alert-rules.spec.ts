import { describeAlertRulesRepositoryContract } from './alert-rules-repository-contract';
import { InMemoryAlertRules } from './in-memory-alert-rules';

describeAlertRulesRepositoryContract(
  'the in-memory alert rules of the unit tests',
  async () => new InMemoryAlertRules(),
);
