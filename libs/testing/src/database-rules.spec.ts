import { ObjectId } from 'mongodb';
import { checkCommand, filterShape, isTestCode, originOf } from './database-rules';

describe('the database rules guard', () => {
  it('names a filter by its fields and operators, never its values', () => {
    expect(filterShape({ _id: 'p-1' })).toBe('{_id}');
    expect(filterShape({ _id: new ObjectId() })).toBe('{_id}');
    expect(filterShape({ _id: { $in: ['a', 'b'] } })).toBe('{_id:$in}');
    expect(filterShape({ organisationId: 'o', month: { $lte: '2026-11', $gte: '2026-01' } })).toBe(
      '{month:$gte+$lte,organisationId}',
    );
    expect(filterShape({ $or: [{ a: 1 }, { b: { $exists: true } }] })).toBe('{$or[{a},{b:$exists}]}');
    expect(filterShape({})).toBe('{}');
    expect(filterShape(undefined)).toBe('{}');
  });

  it('lets one _id through and reports every other read or write of a collection', () => {
    expect(checkCommand('find', { find: 'participants', filter: { _id: 'p-1' } }, [])).toEqual([]);
    expect(checkCommand('find', { find: 'participants', filter: { organisationId: 'o' } }, [])).toEqual([
      { command: 'find', collection: 'participants', shape: '{organisationId}' },
    ]);
    expect(
      checkCommand('update', { update: 'alerts', updates: [{ q: { _id: 'a' } }, { q: { status: 'OPEN' } }] }, []),
    ).toEqual([{ command: 'update', collection: 'alerts', shape: '{status}' }]);
    expect(checkCommand('delete', { delete: 'alerts', deletes: [{ q: { _id: { $in: ['a'] } } }] }, [])).toEqual([
      { command: 'delete', collection: 'alerts', shape: '{_id:$in}' },
    ]);
    expect(checkCommand('findAndModify', { findAndModify: 'jobs', query: {} }, [])).toHaveLength(1);
    expect(checkCommand('aggregate', { aggregate: 'kpis', pipeline: [{ $match: { region: 'r' } }] }, [])).toHaveLength(
      1,
    );
    expect(checkCommand('insert', { insert: 'participants', documents: [{ _id: 'p' }] }, [])).toEqual([]);
  });

  it('accepts what the allow-list names for that collection and shape only', () => {
    const allowed = [{ collection: /^outbox_/, shapes: ['{outbox.0:$exists}'], reason: 'the relay poll' }];
    expect(checkCommand('find', { find: 'outbox_a', filter: { 'outbox.0': { $exists: true } } }, allowed)).toEqual([]);
    expect(checkCommand('find', { find: 'other', filter: { 'outbox.0': { $exists: true } } }, allowed)).toHaveLength(1);
    expect(checkCommand('find', { find: 'outbox_a', filter: { status: 'x' } }, allowed)).toHaveLength(1);
  });
});

describe('where a command comes from', () => {
  const stack = (...frames: string[]) => ['Error', ...frames.map((frame) => `    at ${frame}`)].join('\n');

  it('is the first frame of our own code, past the driver, mongoose and Node', () => {
    const origin = originOf(
      stack(
        'MongoClient.emit (node:events:524:28)',
        'Connection.emit (/repo/node_modules/mongodb/lib/cmap/connection.js:10:5)',
        'process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
        'async MongoRoster.list (/repo/services/hours/src/participants/infrastructure/mongo-participant-roster.ts:31:7)',
        'async Object.<anonymous> (/repo/services/hours/src/prestations/prestations.int-spec.ts:80:3)',
      ),
    );
    expect(origin).toBe('/repo/services/hours/src/participants/infrastructure/mongo-participant-roster.ts:31');
    expect(isTestCode(origin!)).toBe(false);
  });

  it('tells a test reading through a service connection from the service itself', () => {
    expect(isTestCode('/repo/services/hours/src/prestations/prestations.int-spec.ts:80')).toBe(true);
    expect(isTestCode('/repo/services/flow-through/test/http-fixture.ts:12')).toBe(true);
    expect(isTestCode('/repo/tests/e2e/demo-seed.e2e-spec.ts:40')).toBe(true);
    expect(isTestCode('/repo/libs/messaging/src/outbox/outbox-relay.ts:90')).toBe(false);
    expect(originOf(stack('MongoClient.emit (node:events:524:28)'))).toBeUndefined();
  });
});
