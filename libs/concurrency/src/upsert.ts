const DUPLICATE_KEY = 11000;

/**
 * Runs an upsert, once more if it lost the race to create the document. Two upserts of an absent
 * `_id` both try to insert it; the loser gets 11000 (FerretDB always, MongoDB where it does not
 * retry by itself), and its second try finds the document and updates it.
 */
export async function upsertTwiceOnRace<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    return upsert();
  }
}
