/** The part of a MongoDB collection `applyOnce` uses (the native driver's `Collection` fits). */
export interface ProjectionCollection {
  updateOne(
    filter: object,
    update: object,
    options: { upsert: boolean },
  ): Promise<{ modifiedCount: number; upsertedCount: number }>;
}

const DUPLICATE_KEY = 11000;

/**
 * Applies an event's effect to one projection document and records the event id in the same
 * write, so a redelivered event changes nothing. The filter skips documents that already list
 * the id; for a document that does not exist yet, the upsert inserts it. When the document exists
 * and already lists the id, the upsert collides on `_id`, which also means "already applied".
 *
 * The id list grows by one per event about one participant: a few dozen over a trajectory.
 */
export async function applyOnce(
  collection: ProjectionCollection,
  documentId: string,
  eventId: string,
  update: { $set?: object; $setOnInsert?: object; $inc?: object; $unset?: object },
): Promise<boolean> {
  try {
    const result = await collection.updateOne(
      { _id: documentId, appliedEventIds: { $ne: eventId } },
      { ...update, $push: { appliedEventIds: eventId } },
      { upsert: true },
    );
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
    throw error;
  }
}
