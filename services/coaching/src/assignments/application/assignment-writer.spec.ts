import { ParticipantChanges } from '../../shared/application/participant-changes';
import type { OneOnOne } from '../domain/one-on-one';
import { InMemoryOneOnOnes } from '../../../test/in-memory-coaching';
import { clock } from '../../../test/assignments-fixture';
import { AssignmentWriter, assignmentNotFound } from './assignment-writer';

function setUp() {
  const changes = new ParticipantChanges();
  const touched: string[][] = [];
  changes.subscribe(async (ids) => void touched.push(ids));
  const locked: string[] = [];
  let nudges = 0;
  const writer = new AssignmentWriter(
    clock,
    changes,
    (key, work) => {
      locked.push(key);
      return work();
    },
    () => void nudges++,
  );
  return { writer, touched, locked, nudges: () => nudges };
}

const assignment = { id: 'a-1', participantId: 'p-1', sessions: [] } as unknown as OneOnOne;

describe('the assignment writer', () => {
  it('tells the day in Brussels and the instant of its clock', () => {
    const { writer } = setUp();
    expect(writer.today()).toBe('2026-05-04');
    expect(writer.now().toISOString()).toBe('2026-05-04T10:00:00.000Z');
  });

  it('writes under the lock of the aggregate, and only after `stored` nudges the relay and tells who changed', async () => {
    const { writer, touched, locked, nudges } = setUp();
    const store = new InMemoryOneOnOnes();

    const result = await writer.change(store, 'a-1', () => ({ next: assignment, facts: [], result: 'written' }));

    expect(result).toBe('written');
    expect(store.get('a-1')).toEqual(assignment);
    expect(locked).toHaveLength(1);
    expect(locked[0]).toContain('a-1');
    expect([nudges(), touched]).toEqual([0, []]);

    expect(await writer.stored(result, ['p-1', 'p-1', 'p-2'])).toBe('written');
    expect([nudges(), touched]).toEqual([1, [['p-1', 'p-2']]]);
  });

  it('nudges the relay but tells nobody when no participant changed', async () => {
    const { writer, touched, nudges } = setUp();
    await writer.stored(undefined, []);
    expect([nudges(), touched]).toEqual([1, []]);
  });

  it('answers a missing assignment as not found, naming what is missing', () => {
    const error = assignmentNotFound('peer pair');
    expect([error.code, error.message]).toEqual([
      'COACHING.ASSIGNMENT_NOT_FOUND',
      'There is no such peer pair in your organisations.',
    ]);
  });
});
