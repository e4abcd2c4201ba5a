import type { OutboxEntry } from '@stapsteen/messaging';
import type { ParticipantRepository } from '../src/participants/application/participant-repository';
import type { ParticipantState } from '../src/participants/domain/participant';
import { anonymiseParticipant } from '../src/participants/domain/participant-changes';
import { DEFAULT_TRAJECTORY_POLICY } from '../src/participants/domain/trajectory';
import { changeTrajectory } from '../src/participants/domain/trajectory-commands';
import { enrolledParticipant, startedParticipant } from './participant-builder';

/**
 * What every `ParticipantRepository` does, run against the in-memory fake the unit tests use
 * (`in-memory-participants.spec.ts`) and against the MongoDB adapter on the run's FerretDB
 * (`mongo-participant-repository.int-spec.ts`), so the fake cannot drift from the real thing.
 * `fresh` gives an empty repository for each test.
 */
export function describeParticipantRepositoryContract(name: string, fresh: () => Promise<ParticipantRepository>): void {
  describe(`${name} (the participant repository contract)`, () => {
    let repository: ParticipantRepository;
    beforeEach(async () => {
      repository = await fresh();
    });

    const event = (id: string): OutboxEntry[] => [
      {
        eventId: `event-${id}`,
        topic: 'stapsteen.participants.v1',
        key: id,
        type: 'participant.changed@v1',
        correlationId: `correlation-${id}`,
        value: '{}',
        createdAt: new Date('2026-12-01T10:00:00.000Z'),
      },
    ];

    const person = (id: string, overrides: Partial<Parameters<typeof enrolledParticipant>[0]> = {}) =>
      enrolledParticipant({ id, ...overrides }, '2026-12-01');

    it('stores a new participant at version 1 and reads it back as it was', async () => {
      const sofie = person('p-1', { coachId: 'coach-an', monthlyHoursTarget: 18 });
      await repository.insert(sofie, event('p-1'));
      expect(await repository.load('p-1')).toEqual({ participant: sofie, version: 1 });
      expect(await repository.findById('p-1')).toEqual(sofie);
      expect(await repository.load('p-absent')).toBeNull();
      expect(await repository.findById('p-absent')).toBeNull();
    });

    it('refuses a second participant with the same id and keeps the first', async () => {
      const sofie = person('p-1');
      await repository.insert(sofie, []);
      await expect(repository.insert({ ...sofie, firstName: 'Someone else' }, [])).rejects.toThrow();
      expect(await repository.findById('p-1')).toEqual(sofie);
    });

    it('writes a change from the version it was read at, moving the version on by one', async () => {
      await repository.insert(person('p-1'), []);
      const started = startedParticipant('2026-02-02', { id: 'p-1' });
      expect(await repository.update(started, 1, event('p-1'))).toBe(true);
      expect(await repository.load('p-1')).toEqual({ participant: started, version: 2 });
      const ended = changeTrajectory(
        started,
        { kind: 'end', on: '2026-06-30', destination: 'NEC_JOB' },
        '2026-12-01',
        DEFAULT_TRAJECTORY_POLICY,
      ).state;
      expect(await repository.update(ended, 2, [])).toBe(true);
      expect(await repository.load('p-1')).toEqual({ participant: ended, version: 3 });
    });

    // A writer only ever passes a version it loaded: a version ahead of the stored one is not part
    // of the contract (with the claims on FerretDB the filter is `_id` alone, ADR 18).
    it('refuses a change from a version that is no longer current, and leaves the stored state alone', async () => {
      await repository.insert(person('p-1'), []);
      const started = startedParticipant('2026-02-02', { id: 'p-1' });
      expect(await repository.update(started, 1, [])).toBe(true);
      expect(await repository.update({ ...started, firstName: 'Stale' }, 1, [])).toBe(false);
      expect(await repository.load('p-1')).toEqual({ participant: started, version: 2 });
      expect(await repository.update(person('p-absent'), 1, [])).toBe(false);
      expect(await repository.findById('p-absent')).toBeNull();
    });

    it('lets exactly one of many writers that read the same version write its change', async () => {
      await repository.insert(person('p-1'), []);
      const writers = Array.from({ length: 12 }, (_, i) => ({ ...person('p-1'), monthlyHoursTarget: 10 + i }));
      const written = await Promise.all(writers.map((state) => repository.update(state, 1, [])));
      expect(written.filter(Boolean)).toHaveLength(1);
      const winner = writers[written.indexOf(true)];
      expect(await repository.load('p-1')).toEqual({ participant: winner, version: 2 });
    });

    describe('lists', () => {
      // Enrolled on different days (and two on one day, ordered by id) across two organisations,
      // two regions and two coaches.
      const everyone: ParticipantState[] = [
        person('p-a', {
          organisationId: 'org-neteland',
          regionId: 'region-kempen',
          enrolledOn: '2026-03-01',
          coachId: 'coach-an',
        }),
        person('p-b', {
          organisationId: 'org-neteland',
          regionId: 'region-kempen',
          enrolledOn: '2026-05-01',
          coachId: 'coach-bo',
        }),
        person('p-d', {
          organisationId: 'org-herentals',
          regionId: 'region-kempen',
          enrolledOn: '2026-04-01',
          coachId: 'coach-an',
        }),
        person('p-c', {
          organisationId: 'org-herentals',
          regionId: 'region-kempen',
          enrolledOn: '2026-04-01',
          coachId: null,
        }),
        person('p-e', {
          organisationId: 'org-gent',
          regionId: 'region-gent',
          enrolledOn: '2026-06-01',
          coachId: 'coach-an',
        }),
      ];
      const ids = (page: { items: ParticipantState[] }) => page.items.map((p) => p.id);
      const all = { limit: 100, offset: 0 };

      beforeEach(async () => {
        for (const participant of everyone) await repository.insert(participant, []);
      });

      it('gives everyone for an unlimited scope, newest enrolment first and by id within a day', async () => {
        const page = await repository.list({ scope: {} }, all);
        expect(ids(page)).toEqual(['p-e', 'p-b', 'p-c', 'p-d', 'p-a']);
        expect(page.total).toBe(5);
        expect(page.items[0]).toEqual(everyone[4]);
      });

      it('keeps to a region, to organisations, or to both', async () => {
        expect(ids(await repository.list({ scope: { regionId: 'region-kempen' } }, all))).toEqual([
          'p-b',
          'p-c',
          'p-d',
          'p-a',
        ]);
        expect(ids(await repository.list({ scope: { organisationIds: ['org-neteland'] } }, all))).toEqual([
          'p-b',
          'p-a',
        ]);
        expect(ids(await repository.list({ scope: { organisationIds: ['org-neteland', 'org-gent'] } }, all))).toEqual([
          'p-e',
          'p-b',
          'p-a',
        ]);
        expect(
          ids(
            await repository.list(
              { scope: { regionId: 'region-kempen', organisationIds: ['org-neteland', 'org-gent'] } },
              all,
            ),
          ),
        ).toEqual(['p-b', 'p-a']);
        expect(await repository.list({ scope: { organisationIds: [] } }, all)).toEqual({ items: [], total: 0 });
        expect(await repository.list({ scope: { regionId: 'region-limburg' } }, all)).toEqual({ items: [], total: 0 });
      });

      it("narrows to one coach's participants within the scope", async () => {
        expect(ids(await repository.list({ scope: {}, coachId: 'coach-an' }, all))).toEqual(['p-e', 'p-d', 'p-a']);
        expect(ids(await repository.list({ scope: { regionId: 'region-kempen' }, coachId: 'coach-an' }, all))).toEqual([
          'p-d',
          'p-a',
        ]);
        expect(await repository.list({ scope: {}, coachId: 'coach-nobody' }, all)).toEqual({ items: [], total: 0 });
      });

      it('pages with the total of the whole selection', async () => {
        expect(await repository.list({ scope: {} }, { limit: 2, offset: 0 })).toEqual({
          items: [everyone[4], everyone[1]],
          total: 5,
        });
        expect(await repository.list({ scope: {} }, { limit: 2, offset: 2 })).toEqual({
          items: [everyone[3], everyone[2]],
          total: 5,
        });
        expect(await repository.list({ scope: {} }, { limit: 2, offset: 4 })).toEqual({
          items: [everyone[0]],
          total: 5,
        });
        expect(await repository.list({ scope: {} }, { limit: 2, offset: 6 })).toEqual({ items: [], total: 5 });
      });

      it('lists for the retention check those whose last trajectory ended and who are not anonymised yet', async () => {
        const end = (state: ParticipantState, on: string) =>
          changeTrajectory(state, { kind: 'end', on, destination: 'NEC_JOB' }, '2026-12-01', DEFAULT_TRAJECTORY_POLICY)
            .state;
        const ended = end(startedParticipant('2026-02-02', { id: 'p-ended' }), '2026-06-30');
        const erased = anonymiseParticipant(
          end(startedParticipant('2026-02-02', { id: 'p-erased' }), '2026-06-30'),
          '2026-11-01T10:00:00.000Z',
        ).state;
        const reReferred = changeTrajectory(
          end(startedParticipant('2026-02-02', { id: 'p-again' }), '2026-06-30'),
          { kind: 're-refer', on: '2026-07-01', trajectoryId: 't-2' },
          '2026-12-01',
          DEFAULT_TRAJECTORY_POLICY,
        ).state;
        for (const state of [ended, erased, reReferred]) await repository.insert(state, []);
        expect(await repository.listEnded()).toEqual([ended]);
      });
    });
  });
}
