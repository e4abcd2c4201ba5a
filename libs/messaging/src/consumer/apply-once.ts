import { WriteGuard, aggregateKey } from '@stapsteen/concurrency';

/** The part of a MongoDB collection `applyOnce` uses (the native driver's `Collection` fits). */
export interface ProjectionCollection {
  readonly collectionName: string;
  findOne(filter: object, options?: object): Promise<{ appliedEventIds?: string[] } | null>;
  updateOne(
    filter: object,
    update: object,
    options: { upsert: boolean },
  ): Promise<{ modifiedCount: number; upsertedCount: number }>;
}

const DUPLICATE_KEY = 11000;

type ProjectionUpdate = { $set?: object; $setOnInsert?: object; $inc?: object; $unset?: object };

/**
 * Applies an event's effect to one projection document and records the event id in the same
 * write, so a redelivered event changes nothing. Consumers of different topics may touch the same
 * participant's document at once, so the write runs under the per-aggregate lock; where the
 * database applies conditions atomically (MongoDB), the "not applied yet" condition is in the
 * filter as well, guarding against other processes.
 *
 * The id list grows by one per event about one participant: a few dozen over a trajectory.
 */
export async function applyOnce(
  collection: ProjectionCollection,
  documentId: string,
  eventId: string,
  update: ProjectionUpdate,
  guard: WriteGuard,
): Promise<boolean> {
  return guard.lock.run(aggregateKey(collection.collectionName, documentId), async () => {
    if (!guard.atomicConditions) {
      const existing = await collection.findOne({ _id: documentId }, { projection: { appliedEventIds: 1 } });
      if (existing?.appliedEventIds?.includes(eventId)) return false;
    }
    try {
      const filter = guard.atomicConditions
        ? { _id: documentId, appliedEventIds: { $ne: eventId } }
        : { _id: documentId };
      const result = await collection.updateOne(
        filter,
        { ...update, $push: { appliedEventIds: eventId } },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  });
}
