import { KeyedLock, WriteGuard } from '@stapsteen/concurrency';
import type { Connection } from 'mongoose';
import { mongoTestDatabases } from '@stapsteen/testing';
import { emptyOrganisationFigures, rosterContribution, withRosterContribution } from '../domain/figures';
import { recordReferral } from '../domain/roster';
import { KPI_FIGURES_COLLECTION, KPI_ROSTERS_COLLECTION, MongoKpiReadModels } from './mongo-kpi-read-models';

/** The stored shape of the KPI read models on the run's real database. */
describe('the KPI read models on the database', () => {
  const databases = mongoTestDatabases();
  let connection: Connection;
  let guard: WriteGuard;
  let models: MongoKpiReadModels;

  beforeAll(async () => {
    ({ connection, guard } = await databases.fresh());
    models = new MongoKpiReadModels(connection, guard);
  });

  afterAll(() => databases.close());

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

  it('keeps every change of two instances writing one roster at once, and figures of its latest version', async () => {
    // Two flow-through instances: the same database, each with its own in-process lock.
    const other = new MongoKpiReadModels(connection, { ...guard, lock: new KeyedLock() });
    const referrals = Array.from({ length: 20 }, (_, i) => `p-${String(i).padStart(2, '0')}`);
    await Promise.all(
      referrals.map((participantId, i) =>
        (i % 2 === 0 ? models : other).updateRoster(
          'org-c',
          (roster) => recordReferral(roster, participantId, '2026-03-02', null),
          (stored, version) =>
            (i % 2 === 0 ? models : other).updateFigures('org-c', (figures) =>
              withRosterContribution(figures, () => rosterContribution(stored), version),
            ),
        ),
      ),
    );
    const roster = await models.roster('org-c');
    expect(Object.keys(roster!.participants).sort()).toEqual(referrals);
    const figures = await models.figures('org-c');
    expect(figures!.roster.referred).toEqual({ '2026-03': 20 });
    expect(figures!.derivedFrom?.roster).toBe(20);
  });
});
