import { KeyedLock, WriteGuard } from '@stapsteen/concurrency';
import { randomUUID } from 'node:crypto';
import mongoose, { Connection } from 'mongoose';
import { emptyOrganisationFigures } from '../domain/figures';
import { recordReferral } from '../domain/roster';
import { KPI_FIGURES_COLLECTION, KPI_ROSTERS_COLLECTION, MongoKpiReadModels } from './mongo-kpi-read-models';

/** The stored shape of the KPI read models on the run's real database. */
describe('the KPI read models on the database', () => {
  let connection: Connection;
  let models: MongoKpiReadModels;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(process.env.MONGODB_URI!, { dbName: `kpi-read-models-${randomUUID().slice(0, 8)}` })
      .asPromise();
    const guard = { lock: new KeyedLock(), atomicConditions: false } as unknown as WriteGuard;
    models = new MongoKpiReadModels(connection, guard);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('stores each model as one payload beside its id and version', async () => {
    await models.updateRoster('org-a', (roster) => recordReferral(roster, 'p-1', '2026-03-02', '1990-06-01'));
    await models.updateRoster('org-a', (roster) => recordReferral(roster, 'p-2', '2026-03-04', null));
    const stored = await connection.collection(KPI_ROSTERS_COLLECTION).findOne({ _id: 'org-a' as never });
    expect(Object.keys(stored!).sort()).toEqual(['_id', 'payload', 'version']);
    expect(stored!.version).toBe(2);
    const roster = await models.roster('org-a');
    expect(Object.keys(roster!.participants).sort()).toEqual(['p-1', 'p-2']);
    expect(roster!.participants['p-1']).toMatchObject({ referredOn: '2026-03-02', birthYearBand: '1990-1994' });
  });

  it('reads a document stored field by field before, and rewrites it as a payload on its next change', async () => {
    const earlier = { ...emptyOrganisationFigures('org-b'), hours: {} };
    earlier.roster.referred = { '2026-03': 4 };
    await connection.collection(KPI_FIGURES_COLLECTION).insertOne({ ...earlier, version: 7 } as never);
    expect(await models.figures('org-b')).toEqual(earlier);

    await models.updateFigures('org-b', (figures) => ({
      ...figures,
      roster: { ...figures.roster, referred: { ...figures.roster.referred, '2026-04': 1 } },
    }));
    const stored = await connection.collection(KPI_FIGURES_COLLECTION).findOne({ _id: 'org-b' as never });
    expect(Object.keys(stored!).sort()).toEqual(['_id', 'payload', 'version']);
    expect(stored!.version).toBe(8);
    expect((await models.figures('org-b'))!.roster.referred).toEqual({ '2026-03': 4, '2026-04': 1 });
  });
});
