import { WriteGuard, guardedFilter } from '@stapsteen/concurrency';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import type { AggregateStore, Versioned } from '../application/aggregate-writes';

const DUPLICATE_KEY = 11000;

type AggregateDocument<T> = { _id: string; version: number; outbox: OutboxEntry[] } & T;

/**
 * An aggregate per document, with the version condition and the outbox in the same write
 * (docs/adr/0002, 0003, 0005), each update claimed per version step (docs/adr/0018). The `value` is written with `$set` as a whole.
 */
export class VersionedCollection<T extends object> implements AggregateStore<T> {
  readonly collection: Collection<AggregateDocument<T>>;

  constructor(
    connection: Connection,
    readonly collectionName: string,
    private readonly guard: WriteGuard,
  ) {
    this.collection = connection.collection<AggregateDocument<T>>(collectionName);
  }

  async load(id: string): Promise<Versioned<T> | null> {
    const document = await this.collection.findOne({ _id: id } as object, { projection: { outbox: 0 } });
    return document
      ? { value: strip<T>(document as unknown as AggregateDocument<T>), version: document.version }
      : null;
  }

  async insert(id: string, value: T, outbox: OutboxEntry[]): Promise<boolean> {
    try {
      await this.collection.insertOne({ ...value, _id: id, version: 1, outbox } as never);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** Claims the step from `expectedVersion` first (ADR 18), then writes it. */
  async update(id: string, value: T, expectedVersion: number, outbox: OutboxEntry[]): Promise<boolean> {
    return this.guard.claims.write(
      this.collectionName,
      id,
      expectedVersion,
      async () => {
        const result = await this.collection.updateOne(
          guardedFilter(this.guard, id, { version: expectedVersion }) as object,
          {
            $set: { ...value, version: expectedVersion + 1 },
            ...(outbox.length > 0 ? { $push: { outbox: { $each: outbox } } } : {}),
          } as object,
        );
        return result.modifiedCount === 1;
      },
      () => this.currentVersion(id),
    );
  }

  private async currentVersion(id: string): Promise<number | null> {
    const document = await this.collection.findOne({ _id: id } as object, { projection: { version: 1 } });
    return document?.version ?? null;
  }

  /** For the adapters' typed queries only: a database filter never crosses a port. */
  protected async find(filter: object, limit = 5000): Promise<T[]> {
    const documents = await this.collection
      .find(filter, { projection: { outbox: 0 } })
      .limit(limit)
      .toArray();
    return documents.map((document) => strip<T>(document as unknown as AggregateDocument<T>));
  }
}

function strip<T>(document: AggregateDocument<T>): T {
  const { _id: _id, version: _version, outbox: _outbox, ...value } = document as AggregateDocument<T> & object;
  return value as unknown as T;
}
