import { OutboxEntry, stampForOutbox } from '@stapsteen/messaging';
import { randomUUID } from 'node:crypto';
import { endedFact } from '../../src/assignments/domain/assignment';
import type { AggregateStore } from '../../src/shared/application/aggregate-writes';

export type Make<T> = () => T | Promise<T>;

/** An outbox entry as the service stamps one (the contents do not matter to the store). */
export function anOutboxEntry(): OutboxEntry {
  const fact = endedFact(
    randomUUID(),
    { participantId: randomUUID(), organisationId: 'org-neteland' },
    'GROUP',
    '2026-05-04',
    'COMPLETED',
  );
  return stampForOutbox([fact], 'coaching')[0];
}

/**
 * What every aggregate store promises (AggregateStore in shared/application/aggregate-writes.ts),
 * the ground the read-decide-write loop stands on: created once, written only at the version it
 * was read at, and handed out as copies.
 */
export function describeAggregateStoreContract<T extends object>(
  name: string,
  make: Make<AggregateStore<T>>,
  sample: (id: string) => T,
  change: (value: T) => T,
) {
  describe(`${name} keeps the AggregateStore contract`, () => {
    let store: AggregateStore<T>;
    beforeEach(async () => {
      store = await make();
    });

    it('finds nothing that was never stored', async () => {
      expect(await store.load(randomUUID())).toBeNull();
    });

    it('creates a value at version 1 and gives it back as it was given', async () => {
      const id = randomUUID();
      expect(await store.insert(id, sample(id), [anOutboxEntry()])).toBe(true);
      expect(await store.load(id)).toEqual({ value: sample(id), version: 1 });
    });

    it('refuses to create an id that exists and keeps the first value', async () => {
      const id = randomUUID();
      expect(await store.insert(id, sample(id), [])).toBe(true);
      expect(await store.insert(id, change(sample(id)), [])).toBe(false);
      expect(await store.load(id)).toEqual({ value: sample(id), version: 1 });
    });

    it('writes at the version it was read at, one step up', async () => {
      const id = randomUUID();
      await store.insert(id, sample(id), []);
      expect(await store.update(id, change(sample(id)), 1, [anOutboxEntry()])).toBe(true);
      expect(await store.load(id)).toEqual({ value: change(sample(id)), version: 2 });
    });

    it('loses at a stale version and keeps what the winner wrote', async () => {
      const id = randomUUID();
      await store.insert(id, sample(id), []);
      expect(await store.update(id, change(sample(id)), 1, [])).toBe(true);
      // The version the loser read, which the winner has stepped from. (A version ahead of the
      // stored one is no case: versions are read, never invented; on FerretDB it is not refused.)
      expect(await store.update(id, sample(id), 1, [])).toBe(false);
      expect(await store.load(id)).toEqual({ value: change(sample(id)), version: 2 });
    });

    it('does not create a value by updating one that does not exist', async () => {
      const id = randomUUID();
      expect(await store.update(id, sample(id), 1, [])).toBe(false);
      expect(await store.load(id)).toBeNull();
    });

    it('hands out copies and keeps its own: changing either side changes nothing stored', async () => {
      const id = randomUUID();
      const given = sample(id);
      await store.insert(id, given, []);
      Object.assign(given, change(sample(id)));
      const loaded = await store.load(id);
      Object.assign(loaded!.value, change(sample(id)));
      expect(await store.load(id)).toEqual({ value: sample(id), version: 1 });
    });
  });
}
