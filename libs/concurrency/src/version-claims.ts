/**
 * One writer per aggregate version, across processes, on FerretDB as on MongoDB
 * (docs/adr/0018-version-claims-for-several-replicas.md).
 *
 * FerretDB v1 does not apply a conditional update atomically, but it does refuse a second insert
 * of one `_id` atomically (11000 for the loser), and so does MongoDB. So before a writer turns
 * version `v` of an aggregate into `v + 1`, it inserts the claim `<collection>:<id>:<v>` into one
 * claims collection. Exactly one writer gets it; every other writer that read `v` loses, waits
 * for the winner's write, re-reads and decides again. Claims stay a day after the write (then
 * `sweepOldClaims` deletes them), so a writer that read `v` long
 * ago still loses; that is what makes an update filtered on `_id` alone safe on FerretDB.
 *
 * The rule for a writer that dies between its claim and its write: its claim stands for
 * `leaseMs`; while the claim is that young, others wait (they lose and retry). Once it is older,
 * the next writer reads the document's version again: if it is still `v`, the claim's writer is
 * dead (a write lands within the lease of its claim), so the writer ignores the claim and takes
 * the step by claiming the next generation (`<collection>:<id>:<v>:<n>`), again unique, so only
 * one writer takes over. If the document moved on, the old claim was written and the writer
 * lost. The dead writer's change is dropped, not rolled forward: it never told its caller it
 * succeeded, so nobody relies on it, and the claim stays small. The lease must be longer than the
 * longest a write can take after its claim (ADR 18 says why 30 s is).
 */

/** Reads the aggregate's version now (null when there is no document). */
export type CurrentVersion = () => Promise<number | null>;

/** The part of a MongoDB collection the claims use (the native driver's `Collection` fits). */
export interface ClaimCollection {
  insertOne(document: ClaimDocument): Promise<unknown>;
  insertMany(documents: ClaimDocument[], options: { ordered: false }): Promise<unknown>;
  findOne(filter: { _id: string }): Promise<ClaimDocument | null>;
}

export interface ClaimDocument {
  _id: string;
  /** When it was claimed; the lease and the sweep read it. */
  at: Date;
}

export interface VersionClaimsOptions {
  /** How long a claim whose write never came blocks its version (default 30 s). */
  leaseMs?: number;
  /** The first pause of a loser before it looks whether the winner's write has landed. */
  retryDelayMs?: () => number;
  /**
   * How long a loser waits at most for the winner's write to land before it lets its caller
   * re-read anyway (default 1 s): waiting here, rather than re-reading the old version again and
   * again, keeps a slow winner from using up the loser's attempts.
   */
  maxWaitMs?: number;
  now?: () => number;
  /**
   * False turns the claims off (the version condition or the in-process lock alone guard the
   * write): for measuring what a claim costs, and for showing that the replica tests need them.
   */
  enabled?: boolean;
}

interface WriteError {
  index: number;
  code: number;
}

export const AGGREGATE_CLAIMS_COLLECTION = 'aggregate_claims';
/** Claims are only needed while a write can still be in flight; a day is ample. */
export const CLAIM_RETENTION_SECONDS = 24 * 60 * 60;

const DUPLICATE_KEY = 11000;
const MAX_GENERATIONS = 8;

const isDuplicate = (error: unknown) => (error as { code?: number }).code === DUPLICATE_KEY;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const claimId = (collection: string, id: unknown, version: number, generation = 0) =>
  `${collection}:${String(id)}:${version}${generation > 0 ? `:${generation}` : ''}`;

export class VersionClaims {
  private readonly leaseMs: number;
  private readonly retryDelayMs: () => number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  readonly enabled: boolean;

  constructor(
    private readonly claims: ClaimCollection,
    options: VersionClaimsOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.retryDelayMs = options.retryDelayMs ?? (() => 2 + Math.random() * 8);
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.enabled = options.enabled ?? true;
  }

  /**
   * Makes this caller the only writer of the step from `version` of the aggregate, then runs
   * `write` (which must move the document to `version + 1`, or create it when `version` is 0).
   * False when another writer has that step: the caller re-reads and decides again.
   * `currentVersion` is read only when a claim older than the lease stands in the way.
   */
  async write(
    collection: string,
    id: unknown,
    version: number,
    write: () => Promise<boolean>,
    currentVersion: CurrentVersion,
  ): Promise<boolean> {
    if (!this.enabled) return write();
    const claimed = await this.claim(collection, id, version, currentVersion);
    if (!claimed) return false;
    return write();
  }

  /**
   * Claims the steps of many aggregates at once (one round trip) and says which this caller got;
   * for bulk writes, which then write only those.
   */
  async claimMany(
    collection: string,
    steps: Array<{ id: unknown; version: number }>,
    currentVersion: (id: unknown) => Promise<number | null>,
  ): Promise<boolean[]> {
    if (!this.enabled || steps.length === 0) return steps.map(() => true);
    const at = new Date(this.now());
    const documents = steps.map(({ id, version }) => ({ _id: claimId(collection, id, version), at }));
    const got = steps.map(() => true);
    try {
      await this.claims.insertMany(documents, { ordered: false });
    } catch (error) {
      // The driver gives one write error or a list of them.
      const reported = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
      const failures = Array.isArray(reported) ? reported : reported ? [reported] : [];
      if (failures.length === 0 || failures.some((failure) => failure.code !== DUPLICATE_KEY)) throw error;
      for (const failure of failures) got[failure.index] = false;
      // A step somebody else holds may be a dead writer's: settle those one by one (rare).
      for (let i = 0; i < steps.length; i++) {
        const { id, version } = steps[i];
        if (!got[i]) got[i] = await this.takeOver(collection, id, version, () => currentVersion(id));
      }
    }
    return got;
  }

  private async claim(
    collection: string,
    id: unknown,
    version: number,
    currentVersion: CurrentVersion,
  ): Promise<boolean> {
    try {
      await this.claims.insertOne({ _id: claimId(collection, id, version), at: new Date(this.now()) });
      return true;
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
    return this.takeOver(collection, id, version, currentVersion);
  }

  /**
   * The step is claimed. Usually its writer is writing right now: wait a moment and lose, so the
   * caller re-reads the new version. Only a claim older than the lease whose document is still
   * at that version (its writer died before writing, or the document was removed and made again)
   * is passed over, by claiming the next generation of the same step.
   */
  private async takeOver(
    collection: string,
    id: unknown,
    version: number,
    currentVersion: CurrentVersion,
  ): Promise<boolean> {
    for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
      const held = await this.claims.findOne({ _id: claimId(collection, id, version, generation) });
      if (held && this.now() - held.at.getTime() < this.leaseMs) {
        await this.untilStepTaken(version, currentVersion);
        return false;
      }
      // Old enough to be a dead writer's, unless its write landed: then the document moved on.
      if ((await currentVersion()) !== version) return false;
      try {
        await this.claims.insertOne({
          _id: claimId(collection, id, version, generation + 1),
          at: new Date(this.now()),
        });
        return true;
      } catch (error) {
        if (!isDuplicate(error)) throw error;
      }
    }
    return false;
  }

  /**
   * Waits until the step's winner has written (the document moved past `version`), looking with
   * growing pauses, for at most `maxWaitMs`.
   */
  private async untilStepTaken(version: number, currentVersion: CurrentVersion): Promise<void> {
    let delay = Math.max(1, this.retryDelayMs());
    for (let waited = 0; waited < this.maxWaitMs; waited += delay, delay = Math.min(delay * 2, 50)) {
      await pause(delay);
      if ((await currentVersion()) !== version) return;
    }
  }
}

/**
 * Deletes claims older than `CLAIM_RETENTION_SECONDS`; each instance runs it now and then. The same
 * on FerretDB v1 (which has no TTL indexes) and MongoDB, so the one path is the tested one.
 */
export async function sweepOldClaims(collection: {
  deleteMany(filter: { at: { $lt: Date } }): Promise<unknown>;
}): Promise<void> {
  await collection.deleteMany({ at: { $lt: new Date(Date.now() - CLAIM_RETENTION_SECONDS * 1000) } });
}
