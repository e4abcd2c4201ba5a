import { mongoTestDatabases } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { describeOrganisationSettingsStoreContract } from '../test/organisation-settings-store.contract';
import { MongoOrganisationSettingsStore } from './mongo-organisation-settings-store';

interface Windows {
  shortDays: number;
  longDays: number;
}
const FIELDS = ['shortDays', 'longDays'] as const;
const COLLECTION = 'test_organisation_settings';

const databases = mongoTestDatabases();
afterAll(() => databases.close());

describeOrganisationSettingsStoreContract(
  'the MongoDB organisation settings on the run’s database',
  async () => new MongoOrganisationSettingsStore<Windows>((await databases.fresh()).connection, COLLECTION, FIELDS),
  (variant) => ({ shortDays: variant, longDays: 10 * variant }),
);

describe('the MongoDB organisation settings’ documents', () => {
  let connection: Connection;
  let store: MongoOrganisationSettingsStore<Windows>;
  beforeAll(async () => {
    ({ connection } = await databases.fresh());
    store = new MongoOrganisationSettingsStore<Windows>(connection, COLLECTION, FIELDS);
  });
  const raw = () => connection.collection<{ _id: string; [field: string]: unknown }>(COLLECTION);

  it('writes one document by organisation id with the named values, editedBy and editedAt, nothing else', async () => {
    const saved = {
      shortDays: 7,
      longDays: 30,
      extra: 'x',
      editedBy: 'organiser-1',
      editedAt: '2026-12-01T09:00:00.000Z',
    };
    await store.save('org-neteland', saved);
    expect(await raw().findOne({ _id: 'org-neteland' })).toEqual({
      _id: 'org-neteland',
      shortDays: 7,
      longDays: 30,
      editedBy: 'organiser-1',
      editedAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('reads a document written before, without its _id or any other field', async () => {
    await raw().insertOne({
      _id: 'org-geel',
      longDays: 45,
      shortDays: 3,
      editedAt: 'x',
      editedBy: 'admin',
      note: 'old',
    });
    expect(await store.load('org-geel')).toEqual({ shortDays: 3, longDays: 45, editedBy: 'admin', editedAt: 'x' });
  });
});
