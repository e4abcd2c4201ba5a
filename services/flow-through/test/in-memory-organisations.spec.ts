import { describeOrganisationDirectoryContract } from './organisation-directory-contract';
import { InMemoryOrganisations } from './in-memory-organisations';

describeOrganisationDirectoryContract(
  'the in-memory organisations of the unit tests',
  async () => new InMemoryOrganisations(),
);
