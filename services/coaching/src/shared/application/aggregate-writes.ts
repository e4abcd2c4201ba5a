import { DomainError } from '@stapsteen/errors';
import { Serialize, aggregateKey, readDecideWrite } from '@stapsteen/concurrency';
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

export type { Serialize } from '@stapsteen/concurrency';
export { unserialised } from '@stapsteen/concurrency';

export interface Decision<T, R> {
  next: T;
  facts: DomainFact[];
  result: R;
  /** Nothing to write at all (e.g. no document and nothing to put in one). */
  skip?: boolean;
}

/**
 * Read-decide-write of one aggregate through the shared loop (`readDecideWrite`, ADR 5 and 18):
 * under the per-aggregate lock of this process, each update claiming its version step so that
 * writers in other processes cannot take the same one; a loser re-reads and decides again. The
 * events the decision produced are stored in the same write.
 */
export async function changeAggregate<T, R>(
  store: AggregateStore<T>,
  serialize: Serialize,
  id: string,
  decide: (current: T | null) => Decision<T, R>,
): Promise<R> {
  return readDecideWrite<T, { value: T; outbox: OutboxEntry[] }, R>({
    key: aggregateKey(store.collectionName, id),
    serialize,
    load: () => store.load(id),
    decide: (loaded) => {
      const { next, facts, result, skip } = decide(loaded?.value ?? null);
      // A decision that changed nothing (same object, no events) needs no write.
      const unchanged = skip || (loaded !== null && next === loaded.value && facts.length === 0);
      return { next: { value: next, outbox: unchanged ? [] : stampForOutbox(facts, 'coaching') }, result, unchanged };
    },
    insert: ({ value, outbox }) => store.insert(id, value, outbox),
    update: ({ value, outbox }, expectedVersion) => store.update(id, value, expectedVersion, outbox),
    busy: () =>
      new DomainError('COACHING.BUSY', 'conflict', 'Too many simultaneous changes to this record; try again.'),
  });
}
