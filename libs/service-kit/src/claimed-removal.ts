import { WriteGuard, aggregateKey, guardedFilter } from '@stapsteen/concurrency';
import type { OutboxCollection, OutboxEntry, PublishedRemoval, PublishedRemovalMany } from '@stapsteen/messaging';

const MAX_REMOVAL_ATTEMPTS = 20;
/** Version reads of a batch side by side: `$in` is a scan on FerretDB v1 (issue 14), so one `_id` read each. */
const READS_AT_ONCE = 8;

/**
 * The outbox relay's removal of published events for a service whose `claimed` collections are
 * version-claimed (ADR 18): there the removal is one more claimed version step; elsewhere a plain
 * `$pullAll` under the in-process lock. `many` removes a batch of one collection's documents with
 * one claim insert and one bulk write.
 */
export function claimedRemovals(
  guard: WriteGuard,
  claimed: ReadonlySet<string>,
): { one: PublishedRemoval; many: PublishedRemovalMany } {
  const one: PublishedRemoval = async (collection, id, published) => {
    if (claimed.has(collection.collectionName)) return removeClaimed(guard, collection, id, published);
    await guard.lock.run(aggregateKey(collection.collectionName, id), () =>
      collection.updateOne({ _id: id }, { $pullAll: { outbox: published } }),
    );
  };
  const many: PublishedRemovalMany = async (collection, documents) => {
    if (!claimed.has(collection.collectionName) || !collection.bulkWrite || documents.length === 1) {
      for (const { id, published } of documents) await one(collection, id, published);
      return;
    }
    await removeClaimedMany(guard, collection, documents);
  };
  return { one, many };
}

type Versioned = { version?: number } | null;

/**
 * Removes published events from a claimed document as one more version step: read its version,
 * claim the step, `$pullAll` and move the version on. Without the claim, another process's
 * removal on FerretDB (a read, then a write of the whole document) could undo a writer's step.
 */
export async function removeClaimed(
  guard: WriteGuard,
  collection: OutboxCollection,
  id: unknown,
  published: OutboxEntry[],
): Promise<void> {
  await guard.lock.run(aggregateKey(collection.collectionName, id), () =>
    removeClaimedHeld(guard, collection, id, published),
  );
}

/**
 * The same for a batch of one collection's documents, holding all their locks: one `_id` read of
 * each version (a few at a time), one insert of all claims, one bulk write of all the steps
 * claimed. A document whose step another writer took meanwhile (its claim lost with 11000) is
 * re-read and removed alone, as `removeClaimed` does.
 */
export async function removeClaimedMany(
  guard: WriteGuard,
  collection: OutboxCollection,
  documents: ReadonlyArray<{ id: unknown; published: OutboxEntry[] }>,
): Promise<void> {
  const name = collection.collectionName;
  await guard.lock.runMany(
    documents.map(({ id }) => aggregateKey(name, id)),
    async () => {
      const currentVersion = async (id: unknown) =>
        ((await collection.findOne({ _id: id }, { projection: { version: 1 } })) as Versioned)?.version ?? null;
      const versions: Array<number | null | undefined> = documents.map(() => null);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(READS_AT_ONCE, documents.length) }, async () => {
          while (next < documents.length) {
            const i = next++;
            const current = (await collection.findOne(
              { _id: documents[i].id },
              { projection: { version: 1 } },
            )) as Versioned;
            versions[i] = current ? current.version : null;
          }
        }),
      );
      const alone: number[] = [];
      const steps: number[] = [];
      versions.forEach((version, i) => {
        // Gone: nothing to remove. Not versioned after all: nothing to claim, removed as before.
        if (version === null) return;
        if (typeof version !== 'number') alone.push(i);
        else steps.push(i);
      });
      const claimedSteps = await guard.claims.claimMany(
        name,
        steps.map((i) => ({ id: documents[i].id, version: versions[i] as number })),
        currentVersion,
      );
      const mine = steps.filter((_, k) => claimedSteps[k]);
      alone.push(...steps.filter((_, k) => !claimedSteps[k]));
      if (mine.length > 0) {
        const result = await collection.bulkWrite!(
          mine.map((i) => {
            const version = versions[i] as number;
            return {
              updateOne: {
                filter: guardedFilter(guard, documents[i].id, { version }),
                update: { $pullAll: { outbox: documents[i].published }, $set: { version: version + 1 } },
              },
            };
          }),
          { ordered: false },
        );
        if (result.modifiedCount !== mine.length) {
          // Some step did not land (MongoDB's version condition): those are done alone.
          for (const i of mine)
            if (((await currentVersion(documents[i].id)) ?? -1) <= (versions[i] as number)) alone.push(i);
        }
      }
      for (const i of alone) await removeClaimedHeld(guard, collection, documents[i].id, documents[i].published);
    },
  );
}

/** `removeClaimed` for a caller that already holds the document's lock. */
async function removeClaimedHeld(
  guard: WriteGuard,
  collection: OutboxCollection,
  id: unknown,
  published: OutboxEntry[],
) {
  for (let attempt = 1; attempt <= MAX_REMOVAL_ATTEMPTS; attempt++) {
    const current = (await collection.findOne({ _id: id }, { projection: { version: 1 } })) as Versioned;
    if (!current) return;
    if (typeof current.version !== 'number') {
      // Not a versioned document after all: nothing to claim, remove as before.
      await collection.updateOne({ _id: id }, { $pullAll: { outbox: published } });
      return;
    }
    const version = current.version;
    const removed = await guard.claims.write(
      collection.collectionName,
      id,
      version,
      async () => {
        const result = (await collection.updateOne(guardedFilter(guard, id, { version }), {
          $pullAll: { outbox: published },
          $set: { version: version + 1 },
        })) as { modifiedCount?: number };
        return result.modifiedCount === 1;
      },
      async () => {
        const now = (await collection.findOne({ _id: id }, { projection: { version: 1 } })) as Versioned;
        return now?.version ?? null;
      },
    );
    if (removed) return;
  }
  throw new Error(`could not remove published events from ${collection.collectionName} (busy)`);
}
