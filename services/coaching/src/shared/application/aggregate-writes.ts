import { DomainError } from '@stapsteen/errors';
import { aggregateKey } from '@stapsteen/concurrency';
import type { DomainFact, OutboxEntry } from '@stapsteen/messaging';
import { stampForOutbox } from '@stapsteen/messaging';

/** One aggregate document with its optimistic-concurrency version. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** The repository side of an aggregate: read with its version, create once, write only if unchanged. */
export interface AggregateStore<T> {
  readonly collectionName: string;
  load(id: string): Promise<Versioned<T> | null>;
  /** False when another writer created it first (unique `_id`). */
  insert(id: string, value: T, outbox: OutboxEntry[]): Promise<boolean>;
  /** False when somebody changed it since `expectedVersion`. */
  update(id: string, value: T, expectedVersion: number, outbox: OutboxEntry[]): Promise<boolean>;
}

export type Serialize = <R>(key: string, work: () => Promise<R>) => Promise<R>;

export const unserialised: Serialize = (_key, work) => work();

export interface Decision<T, R> {
  next: T;
  facts: DomainFact[];
  result: R;
  /** Nothing to write at all (e.g. no document and nothing to put in one). */
  skip?: boolean;
}

const MAX_ATTEMPTS = 20;

/**
 * Read-decide-write of one aggregate (docs/adr/0005): under the per-aggregate lock of this process,
 * and with the version condition for writers in other processes; a loser re-reads and decides again.
 * The events the decision produced are stored in the same write.
 */
export async function changeAggregate<T, R>(
  store: AggregateStore<T>,
  serialize: Serialize,
  id: string,
  decide: (current: T | null) => Decision<T, R>,
): Promise<R> {
  return serialize(aggregateKey(store.collectionName, id), async () => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const loaded = await store.load(id);
      const { next, facts, result, skip } = decide(loaded?.value ?? null);
      // A decision that changed nothing (same object, no events) needs no write.
      if (skip || (loaded && next === loaded.value && facts.length === 0)) return result;
      const outbox = stampForOutbox(facts, 'coaching');
      const written = loaded
        ? await store.update(id, next, loaded.version, outbox)
        : await store.insert(id, next, outbox);
      if (written) return result;
    }
    throw new DomainError('COACHING.BUSY', 'conflict', 'Too many simultaneous changes to this record; try again.');
  });
}
