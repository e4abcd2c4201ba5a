import {
  KeyedLock,
  VersionClaims,
  WriteGuard,
  AGGREGATE_CLAIMS_COLLECTION,
  ClaimCollection,
} from '@stapsteen/concurrency';
import { OutboxCollection, OutboxEntry, OutboxRelay } from '@stapsteen/messaging';
import { CommandStartedEvent, MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { claimedRemovals } from './claimed-removal';

interface Doc {
  _id: string;
  version: number;
  outbox: OutboxEntry[];
}

const entry = (key: string): OutboxEntry => ({
  eventId: randomUUID(),
  topic: 'test.alerts',
  key,
  type: 'alert.raised@v1',
  correlationId: randomUUID(),
  value: '{}',
  createdAt: new Date(),
});

/**
 * The relay's removal of published events from version-claimed documents (ADR 18), on the test
 * database: a batch costs one claim insert and one bulk write, and a document another writer moved
 * on meanwhile is retried alone without losing that writer's events.
 */
describe('removing published events from claimed documents in batches', () => {
  const mongo = new MongoClient(process.env.MONGODB_URI ?? '', { monitorCommands: true });
  const commands: CommandStartedEvent[] = [];
  let atomicConditions = false;

  beforeAll(async () => {
    await mongo.connect();
    mongo.on('commandStarted', (event) => commands.push(event));
    const info = await mongo.db('admin').command({ buildInfo: 1 });
    atomicConditions = !(typeof info.ferretdbVersion === 'string' || typeof info.ferretdb === 'object');
  });

  afterAll(() => mongo.close());

  async function setUp(count: number) {
    const db = mongo.db(`test-removal-${randomUUID().slice(0, 8)}`);
    const collection = db.collection<Doc>('participant_alerts');
    const claimsCollection = db.collection(AGGREGATE_CLAIMS_COLLECTION) as unknown as ClaimCollection;
    const guard: WriteGuard = { lock: new KeyedLock(), atomicConditions, claims: new VersionClaims(claimsCollection) };
    const docs: Doc[] = Array.from({ length: count }, (_, i) => {
      const id = `p-${i}`;
      return { _id: id, version: 3, outbox: [entry(id), entry(id)] };
    });
    await collection.insertMany(docs);
    const published: OutboxEntry[] = [];
    const relay = (target: OutboxCollection) => {
      const relay = new OutboxRelay(
        [target],
        { publish: async (entries) => void published.push(...entries) },
        { pollIntervalMs: 60_000 },
      );
      const removals = claimedRemovals(guard, new Set(['participant_alerts']));
      relay.removePublishedWith(removals.one, removals.many);
      for (const doc of docs) relay.nudge({ collection: 'participant_alerts', id: doc._id });
      return relay;
    };
    const count$ = (name: string, dbName = db.databaseName) =>
      commands.filter(
        (c) =>
          c.databaseName === dbName &&
          c.commandName === name &&
          c.command[name] === (name === 'insert' ? AGGREGATE_CLAIMS_COLLECTION : 'participant_alerts'),
      ).length;
    return { db, collection, claimsCollection, docs, published, relay, count$ };
  }

  it('claims a batch of N published documents with one insert and removes them with one bulk write', async () => {
    const { collection, published, relay, count$ } = await setUp(20);
    await relay(collection as unknown as OutboxCollection).drainOnce();

    expect(published).toHaveLength(40);
    for (const doc of await collection.find({}).toArray()) {
      expect(doc.outbox).toEqual([]);
      expect(doc.version).toBe(4);
    }
    expect(count$('insert')).toBe(1);
    expect(count$('update')).toBe(1);
  });

  it('retries alone a document another writer moved on between read and claim, losing none of its events', async () => {
    const { collection, claimsCollection, docs, published, relay, count$ } = await setUp(10);
    const raced = docs[4]._id;
    const appended = entry(raced);
    // Another process: its own claims, the same claim collection.
    const other = new VersionClaims(claimsCollection);
    let reads = 0;
    const target: OutboxCollection = {
      collectionName: collection.collectionName,
      find: (filter, options) => collection.find(filter, options) as never,
      updateOne: (filter, update) => collection.updateOne(filter, update),
      bulkWrite: (operations, options) => collection.bulkWrite(operations as never, options),
      findOne: async (filter, options) => {
        const read = await collection.findOne(filter, options);
        const isVersionRead = 'version' in (options.projection as object);
        if (isVersionRead && (filter as { _id: string })._id === raced && reads++ === 0) {
          // The relay just read version 3; another writer takes step 3 and appends an event.
          expect(
            await other.write(
              'participant_alerts',
              raced,
              3,
              async () =>
                (await collection.updateOne({ _id: raced }, { $push: { outbox: appended }, $set: { version: 4 } }))
                  .modifiedCount === 1,
              async () => (await collection.findOne({ _id: raced }))?.version ?? null,
            ),
          ).toBe(true);
        }
        return read as never;
      },
    };
    await relay(target).drainOnce();

    const stored = new Map((await collection.find({}).toArray()).map((doc) => [doc._id, doc]));
    for (const doc of docs) {
      if (doc._id === raced) continue;
      expect(stored.get(doc._id)).toMatchObject({ version: 4, outbox: [] });
    }
    // Its published events removed in a step of their own; the other writer's event stays until
    // published too (the relay's first drain ends with a sweep, which finds it).
    expect(stored.get(raced)).toMatchObject({ version: 6, outbox: [] });
    const ids = published.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...docs.flatMap((d) => d.outbox.map((e) => e.eventId)), appended.eventId].sort());
    // One claim insert for the batch (the raced claim lost in it), one for the raced document
    // retried alone, one for the other writer, one for the sweep's removal of its event.
    expect(count$('insert')).toBe(4);
  });
});
