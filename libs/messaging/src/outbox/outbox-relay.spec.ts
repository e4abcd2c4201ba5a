import { OutboxBacklog } from './outbox-backlog';
import type { OutboxEntry } from './outbox-entry';
import { OutboxCollection, OutboxPublisher, OutboxRelay } from './outbox-relay';

type Doc = { _id: string; outbox: OutboxEntry[] };

/** An in-memory stand-in for a collection, with the two operations the relay relies on. */
class InMemoryCollection implements OutboxCollection {
  readonly collectionName = 'aggregates';
  constructor(readonly docs: Doc[]) {}

  sweeps = 0;
  lookups = 0;

  async findOne(filter: { _id: string }) {
    this.lookups += 1;
    const doc = this.docs.find((d) => d._id === filter._id);
    return doc ? { _id: doc._id, outbox: [...doc.outbox] } : null;
  }

  find(_filter: object, options: { limit: number }) {
    this.sweeps += 1;
    const pending = this.docs.filter((d) => d.outbox.length > 0).slice(0, options.limit);
    return { toArray: async () => pending.map((d) => ({ _id: d._id, outbox: [...d.outbox] })) };
  }

  async updateOne(filter: { _id: string }, update: { $pullAll: { outbox: OutboxEntry[] } }) {
    const doc = this.docs.find((d) => d._id === filter._id);
    if (doc) doc.outbox = doc.outbox.filter((e) => !update.$pullAll.outbox.some((p) => p.eventId === e.eventId));
  }
}

class RecordingPublisher implements OutboxPublisher {
  published: string[] = [];
  failuresLeft = 0;
  onPublish: () => void = () => undefined;

  async publish(entries: OutboxEntry[]): Promise<void> {
    this.onPublish();
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('broker unavailable');
    }
    this.published.push(...entries.map((e) => e.eventId));
  }
}

const entry = (eventId: string, createdAt = new Date(0)): OutboxEntry => ({
  eventId,
  topic: 'stapsteen.participants.v1',
  key: 'participant-1',
  type: 'participant.enrolled@v1',
  correlationId: 'c-1',
  value: '{}',
  createdAt,
});

describe('OutboxRelay', () => {
  it('publishes pending events in order and removes them once acknowledged', async () => {
    const collection = new InMemoryCollection([{ _id: 'a', outbox: [entry('e1'), entry('e2')] }]);
    const publisher = new RecordingPublisher();

    const count = await new OutboxRelay([collection], publisher, { pollIntervalMs: 1000 }).drainOnce();

    expect(count).toBe(2);
    expect(publisher.published).toEqual(['e1', 'e2']);
    expect(collection.docs[0].outbox).toEqual([]);
  });

  it('keeps the events when the broker refuses them and publishes them on the next attempt', async () => {
    const collection = new InMemoryCollection([{ _id: 'a', outbox: [entry('e1')] }]);
    const publisher = new RecordingPublisher();
    publisher.failuresLeft = 1;
    const relay = new OutboxRelay([collection], publisher, { pollIntervalMs: 1000 });

    await expect(relay.drainOnce()).rejects.toThrow('broker unavailable');
    expect(collection.docs[0].outbox.map((e) => e.eventId)).toEqual(['e1']);

    await relay.drainOnce();
    expect(publisher.published).toEqual(['e1']);
    expect(collection.docs[0].outbox).toEqual([]);
  });

  it('leaves an event stored while the batch was being published for the next round', async () => {
    const collection = new InMemoryCollection([{ _id: 'a', outbox: [entry('e1')] }]);
    const publisher = new RecordingPublisher();
    publisher.onPublish = () => {
      if (!collection.docs[0].outbox.some((e) => e.eventId === 'e2')) collection.docs[0].outbox.push(entry('e2'));
    };
    const relay = new OutboxRelay([collection], publisher, { pollIntervalMs: 1000 });

    await relay.drainOnce();
    expect(collection.docs[0].outbox.map((e) => e.eventId)).toEqual(['e2']);

    // The writer that appended e2 names its document, as every writer does.
    relay.nudge({ collection: 'aggregates', id: 'a' });
    await relay.drainOnce();
    expect(publisher.published).toEqual(['e1', 'e2']);
  });

  it('hands a batch of published documents to the batched removal at once, in one call per collection', async () => {
    const docs = Array.from({ length: 5 }, (_, i) => ({ _id: `p${i}`, outbox: [entry(`e${i}`)] }));
    const collection = new InMemoryCollection(docs);
    const relay = new OutboxRelay([collection], new RecordingPublisher(), { pollIntervalMs: 1000 });
    const one: string[] = [];
    const many: string[][] = [];
    relay.removePublishedWith(
      async (_collection, id) => void one.push(String(id)),
      async (target, documents) => {
        many.push(documents.map(({ id }) => String(id)));
        for (const { id, published } of documents)
          await target.updateOne({ _id: id }, { $pullAll: { outbox: published } });
      },
    );
    for (const doc of docs) relay.nudge({ collection: 'aggregates', id: doc._id });

    await relay.drainOnce();

    expect(many).toEqual([['p0', 'p1', 'p2', 'p3', 'p4']]);
    expect(one).toEqual([]);
    expect(collection.docs.every((d) => d.outbox.length === 0)).toBe(true);
  });

  it('reads the named documents a few at a time, not one after another', async () => {
    const docs = Array.from({ length: 20 }, (_, i) => ({ _id: `p${i}`, outbox: [entry(`e${i}`)] }));
    const collection = new InMemoryCollection(docs);
    let reading = 0;
    let most = 0;
    const findOne = collection.findOne.bind(collection);
    collection.findOne = async (filter) => {
      reading += 1;
      most = Math.max(most, reading);
      await Promise.resolve();
      try {
        return await findOne(filter);
      } finally {
        reading -= 1;
      }
    };
    const publisher = new RecordingPublisher();
    const relay = new OutboxRelay([collection], publisher, { pollIntervalMs: 1000 });
    for (const doc of docs) relay.nudge({ collection: 'aggregates', id: doc._id });

    await relay.drainOnce();

    expect(most).toBe(8);
    expect(publisher.published).toEqual(docs.map((_, i) => `e${i}`));
  });

  it('publishes nothing when no aggregate has pending events', async () => {
    const publisher = new RecordingPublisher();
    const count = await new OutboxRelay([new InMemoryCollection([{ _id: 'a', outbox: [] }])], publisher, {
      pollIntervalMs: 1000,
    }).drainOnce();
    expect(count).toBe(0);
    expect(publisher.published).toEqual([]);
  });

  it('reads the document a writer names by its id, without sweeping the collections', async () => {
    const collection = new InMemoryCollection([
      { _id: 'a', outbox: [] },
      { _id: 'b', outbox: [entry('e9')] },
    ]);
    const publisher = new RecordingPublisher();
    const relay = new OutboxRelay([collection], publisher, { pollIntervalMs: 1000 });
    await relay.drainOnce(); // the start-up sweep
    const sweepsAfterStart = collection.sweeps;
    collection.docs[0].outbox.push(entry('e10'));

    relay.nudge({ collection: 'aggregates', id: 'a' });
    await relay.drainOnce();

    expect(publisher.published).toEqual(['e9', 'e10']);
    expect(collection.sweeps).toBe(sweepsAfterStart);
    expect(collection.lookups).toBe(1);
  });

  it('sweeps again when a writer does not say where it stored events', async () => {
    const collection = new InMemoryCollection([{ _id: 'a', outbox: [] }]);
    const publisher = new RecordingPublisher();
    const relay = new OutboxRelay([collection], publisher, { pollIntervalMs: 1000 });
    await relay.drainOnce();
    collection.docs[0].outbox.push(entry('e11'));

    relay.nudge();
    await relay.drainOnce();

    expect(publisher.published).toEqual(['e11']);
  });

  describe('while the database is away', () => {
    afterEach(() => jest.useRealTimers());

    /** A collection whose every call fails while `down`, as the driver's do when the database is gone. */
    class AwayCollection extends InMemoryCollection {
      down = true;
      attempts = 0;
      private check() {
        this.attempts += 1;
        if (this.down)
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoServerSelectionError' });
      }
      override async findOne(filter: { _id: string }) {
        this.check();
        return super.findOne(filter);
      }
      override find(filter: object, options: { limit: number }) {
        this.check();
        return super.find(filter, options);
      }
    }

    it('keeps trying by itself with growing pauses (up to 5 s) and publishes soon after it returns', async () => {
      jest.useFakeTimers();
      const collection = new AwayCollection([{ _id: 'a', outbox: [entry('e1')] }]);
      const publisher = new RecordingPublisher();
      const errors: unknown[] = [];
      const relay = new OutboxRelay([collection], publisher, {
        pollIntervalMs: 30_000,
        onError: (error) => errors.push(error),
      });
      relay.start();
      await jest.advanceTimersByTimeAsync(10_000);
      // Tries at 0, 0.25, 0.75, 1.75, 3.75 and 7.75 s: not once per 30-s sweep.
      expect(collection.attempts).toBe(6);
      expect(publisher.published).toEqual([]);
      expect(collection.docs[0].outbox.map((e) => e.eventId)).toEqual(['e1']);

      collection.down = false;
      await jest.advanceTimersByTimeAsync(5_000);
      expect(publisher.published).toEqual(['e1']);
      expect(collection.docs[0].outbox).toEqual([]);
      expect(errors).toHaveLength(6);
      await relay.stop();
    });
  });

  describe('the backlog it reports for the outbox metrics', () => {
    /** Milliseconds on the backlog's clock; events below are created at 40 s and 70 s. */
    let now = 100_000;
    const clock = () => now;
    beforeEach(() => {
      now = 100_000;
    });

    it('shows the age of the oldest event and the count while the broker refuses them, and 0 once published', async () => {
      const collection = new InMemoryCollection([
        { _id: 'a', outbox: [entry('e1', new Date(70_000)), entry('e2', new Date(70_000))] },
        { _id: 'b', outbox: [entry('e3', new Date(40_000))] },
      ]);
      const publisher = new RecordingPublisher();
      publisher.failuresLeft = 1;
      const backlog = new OutboxBacklog(clock);
      const relay = new OutboxRelay([collection], publisher, { pollIntervalMs: 1000, backlog });
      expect(backlog.figures()).toEqual([{ collection: 'aggregates', oldestPendingSeconds: 0, pendingEvents: 0 }]);

      await expect(relay.drainOnce()).rejects.toThrow('broker unavailable');
      now = 130_000;
      expect(backlog.figures()).toEqual([{ collection: 'aggregates', oldestPendingSeconds: 90, pendingEvents: 3 }]);

      await relay.drainOnce();
      expect(publisher.published).toEqual(['e1', 'e2', 'e3']);
      expect(backlog.figures()).toEqual([{ collection: 'aggregates', oldestPendingSeconds: 0, pendingEvents: 0 }]);
    });

    it('counts a document a writer named from when it was named while the database cannot be read', async () => {
      class DownCollection extends InMemoryCollection {
        down = false;
        override async findOne(filter: { _id: string }) {
          if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:27017');
          return super.findOne(filter);
        }
      }
      const collection = new DownCollection([{ _id: 'a', outbox: [] }]);
      const backlog = new OutboxBacklog(clock);
      const relay = new OutboxRelay([collection], new RecordingPublisher(), { pollIntervalMs: 1000, backlog });
      await relay.drainOnce(); // the start-up sweep
      collection.down = true;
      collection.docs[0].outbox.push(entry('e1', new Date(now)));

      relay.nudge({ collection: 'aggregates', id: 'a' });
      await expect(relay.drainOnce()).rejects.toThrow('ECONNREFUSED');
      now += 45_000;
      await expect(relay.drainOnce()).rejects.toThrow('ECONNREFUSED');
      expect(backlog.figures()[0].oldestPendingSeconds).toBe(45);

      collection.down = false;
      await relay.drainOnce();
      expect(backlog.figures()).toEqual([{ collection: 'aggregates', oldestPendingSeconds: 0, pendingEvents: 0 }]);
    });

    it('forgets what another instance published once a sweep no longer finds it', async () => {
      const collection = new InMemoryCollection([{ _id: 'a', outbox: [entry('e1', new Date(40_000))] }]);
      const publisher = new RecordingPublisher();
      publisher.failuresLeft = 1;
      const backlog = new OutboxBacklog(clock);
      const relay = new OutboxRelay([collection], publisher, { pollIntervalMs: 1000, backlog });
      await expect(relay.drainOnce()).rejects.toThrow('broker unavailable'); // the start-up sweep
      expect(backlog.figures()[0]).toEqual({ collection: 'aggregates', oldestPendingSeconds: 60, pendingEvents: 1 });

      collection.docs[0].outbox = []; // another instance published and removed it
      await relay.drainOnce(); // the sweep, due again after its failure

      expect(publisher.published).toEqual([]);
      expect(backlog.figures()[0]).toEqual({ collection: 'aggregates', oldestPendingSeconds: 0, pendingEvents: 0 });
    });
  });
});
