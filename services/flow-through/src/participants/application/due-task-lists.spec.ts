import { addDays } from '@stapsteen/calendar';
import type { Principal } from '@stapsteen/auth';
import { InMemoryOrganisations } from '../../../test/in-memory-organisations';
import { DueTasksQueries } from './due-tasks';
import { FIRST_EVALUATION, ended, setUp, storeStartedParticipant } from '../../../test/due-alerts-fixture';

describe('the due task lists', () => {
  const organisations = new InMemoryOrganisations([
    { id: 'org-neteland', name: 'Neteland', kind: 'WIJK_WERK', regionId: 'region-kempen' },
    { id: 'org-herentals', name: 'Herentals', kind: 'WIJK_WERK', regionId: 'region-kempen' },
    { id: 'org-gent', name: 'Gent', kind: 'WIJK_WERK', regionId: 'region-gent' },
  ]);
  const organiser: Principal = {
    userId: 'o',
    role: 'ORGANISER',
    organisationIds: ['org-neteland'],
    regionId: 'region-kempen',
  };
  const manager: Principal = { userId: 'm', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: 'region-kempen' };

  async function threeParticipants() {
    const set = setUp(addDays(FIRST_EVALUATION, 3));
    await storeStartedParticipant(set.participants, 'p-neteland', 'org-neteland', 'region-kempen');
    await storeStartedParticipant(set.participants, 'p-herentals', 'org-herentals', 'region-kempen');
    await storeStartedParticipant(set.participants, 'p-gent', 'org-gent', 'region-gent');
    for (const id of ['p-neteland', 'p-herentals', 'p-gent']) await set.checks.check(id);
    return {
      ...set,
      queries: new DueTasksQueries(set.tasks, organisations, { now: () => new Date(), today: set.today }),
    };
  }

  it('shows an organiser the overdue evaluations of their organisations, with the name', async () => {
    const { queries } = await threeParticipants();

    expect((await queries.evaluations(organiser, { within: 0 })).items).toEqual([
      expect.objectContaining({
        participantId: 'p-neteland',
        name: 'Sofie Verbeeck',
        dueOn: FIRST_EVALUATION,
        overdue: true,
        trajectoryId: 't-p-neteland',
      }),
    ]);
  });

  it('shows a manager the region, without names', async () => {
    const { queries } = await threeParticipants();

    const items = (await queries.evaluations(manager, { within: 0 })).items;
    expect(items.map((i) => [i.participantId, i.name])).toEqual([
      ['p-herentals', null],
      ['p-neteland', null],
    ]);
  });

  it('answers not found for an organisation or region out of scope', async () => {
    const { queries } = await threeParticipants();

    await expect(queries.evaluations(organiser, { organisationId: 'org-herentals', within: 0 })).rejects.toMatchObject({
      code: 'DUE_TASKS.SCOPE_NOT_FOUND',
    });
    await expect(queries.followUps(manager, { regionId: 'region-gent', within: 0 })).rejects.toMatchObject({
      code: 'DUE_TASKS.SCOPE_NOT_FOUND',
    });
    await expect(queries.followUps(manager, { organisationId: 'org-gent', within: 0 })).rejects.toMatchObject({
      code: 'DUE_TASKS.SCOPE_NOT_FOUND',
    });
  });

  it('lists follow-ups after exit, and what comes due within the window asked for', async () => {
    const { queries, change, today } = await threeParticipants();
    await change('p-neteland', ended(today()));

    expect((await queries.evaluations(organiser, { within: 0 })).items).toEqual([]);
    const now = (await queries.followUps(organiser, { within: 0 })).items;
    expect(now.map((i) => [i.checkpoint, i.dueOn, i.overdue])).toEqual([['IMMEDIATE', today(), false]]);
    const half = (await queries.followUps(organiser, { within: 200 })).items;
    expect(half.map((i) => i.checkpoint)).toEqual(['IMMEDIATE', 'SIX_MONTHS']);
  });
});
