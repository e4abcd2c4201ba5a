import type { DueTaskEntry, DueTasksStore } from '../src/participants/application/due-tasks-store';

/**
 * What every `DueTasksStore` does, run against the in-memory fake the unit tests use
 * (`in-memory-due-tasks.spec.ts`) and the MongoDB adapter on the run's FerretDB
 * (`mongo-due-tasks-store.int-spec.ts`). `fresh` gives an empty store for each test.
 */
export function describeDueTasksStoreContract(name: string, fresh: () => Promise<DueTasksStore>): void {
  describe(`${name} (the due tasks store contract)`, () => {
    let store: DueTasksStore;
    beforeEach(async () => {
      store = await fresh();
    });

    const entry = (participantId: string, organisationId = 'org-neteland', overrides: Partial<DueTaskEntry> = {}) =>
      ({
        participantId,
        organisationId,
        regionId: 'region-kempen',
        name: `Deelnemer ${participantId}`,
        evaluation: { trajectoryId: `t-${participantId}`, dueOn: '2027-03-01' },
        followUps: [
          {
            trajectoryId: `t-${participantId}`,
            checkpoint: 'SIX_MONTHS',
            dueOn: '2027-06-01',
            windowEndsOn: '2027-07-01',
          },
        ],
        nextCheckOn: '2027-02-15',
        openAlertKinds: ['EVALUATION_DUE'],
        ...overrides,
      }) satisfies DueTaskEntry;
    const byParticipant = (entries: DueTaskEntry[]) =>
      [...entries].sort((a, b) => a.participantId.localeCompare(b.participantId));

    it("keeps each participant's entry under its organisation, replaced by the next save", async () => {
      await store.save(entry('p-1'));
      await store.save(entry('p-2'));
      await store.save(entry('p-3', 'org-herentals'));
      await store.save(entry('p-1', 'org-neteland', { evaluation: null, nextCheckOn: null, openAlertKinds: [] }));

      expect(await store.entryOf('org-neteland', 'p-1')).toEqual(
        entry('p-1', 'org-neteland', { evaluation: null, nextCheckOn: null, openAlertKinds: [] }),
      );
      expect(await store.entryOf('org-herentals', 'p-1')).toBeNull();
      expect(await store.entryOf('org-neteland', 'p-9')).toBeNull();
      expect(byParticipant(await store.entriesOf('org-neteland'))).toEqual([
        entry('p-1', 'org-neteland', { evaluation: null, nextCheckOn: null, openAlertKinds: [] }),
        entry('p-2'),
      ]);
      expect(await store.entriesOf('org-herentals')).toEqual([entry('p-3', 'org-herentals')]);
      expect(await store.entriesOf('org-nowhere')).toEqual([]);
    });

    it('removes one entry and leaves the others', async () => {
      await store.save(entry('p-1'));
      await store.save(entry('p-2'));
      await store.remove('org-neteland', 'p-1');
      await store.remove('org-neteland', 'p-absent');
      await store.remove('org-nowhere', 'p-2');
      expect(await store.entryOf('org-neteland', 'p-1')).toBeNull();
      expect(await store.entriesOf('org-neteland')).toEqual([entry('p-2')]);
    });

    it('keeps every entry when the participants of one organisation are saved at the same time', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => `p-${String(i + 1).padStart(2, '0')}`);
      await Promise.all(ids.map((id) => store.save(entry(id))));
      expect(byParticipant(await store.entriesOf('org-neteland')).map((e) => e.participantId)).toEqual(ids);
    });

    it('schedules participants for a day as a set, until the day is cleared', async () => {
      await store.schedule('2027-02-15', 'p-1');
      await store.schedule('2027-02-15', 'p-2');
      await store.schedule('2027-02-15', 'p-1');
      await store.schedule('2027-02-16', 'p-3');
      expect([...(await store.scheduledOn('2027-02-15'))].sort()).toEqual(['p-1', 'p-2']);
      expect(await store.scheduledOn('2027-02-17')).toEqual([]);
      await store.clearDay('2027-02-15');
      expect(await store.scheduledOn('2027-02-15')).toEqual([]);
      expect(await store.scheduledOn('2027-02-16')).toEqual(['p-3']);
    });

    it('keeps every participant scheduled for one day at the same time', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => `p-${String(i + 1).padStart(2, '0')}`);
      await Promise.all(ids.map((id) => store.schedule('2027-02-15', id)));
      expect([...(await store.scheduledOn('2027-02-15'))].sort()).toEqual(ids);
    });

    it('remembers the last day whose checks ran', async () => {
      expect(await store.lastCheckedDay()).toBeNull();
      await store.setLastCheckedDay('2027-02-15');
      await store.setLastCheckedDay('2027-02-16');
      expect(await store.lastCheckedDay()).toBe('2027-02-16');
    });
  });
}
