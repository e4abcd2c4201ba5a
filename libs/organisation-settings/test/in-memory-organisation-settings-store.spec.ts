import { describeOrganisationSettingsStoreContract } from './organisation-settings-store.contract';
import { InMemoryOrganisationSettingsStore } from './in-memory-organisation-settings-store';

describeOrganisationSettingsStoreContract(
  'the in-memory organisation settings of the unit tests',
  () => new InMemoryOrganisationSettingsStore<{ days: number; names: string[] }>(),
  (variant) => ({ days: variant, names: [`name-${variant}`] }),
);
