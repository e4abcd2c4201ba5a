import { readScopeFilter, type ReadScope } from '@stapsteen/auth';
import type { WriteGuard } from '@stapsteen/concurrency';
import type { EventEnvelope } from '@stapsteen/contracts';
import { applyOnce, type ProjectionCollection } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import {
  blankTrajectory,
  rosterChange,
  rosterEntryOf,
  type RosterDocument,
  type RosterEntryBase,
  type RosterOptions,
} from './roster-projection';

/** Both services keep their roster in a collection of this name. */
export const ROSTER_COLLECTION = 'participant_roster';

/** Which participants a list returns: one organisation's, or those inside a read scope. */
export type RosterListQuery = { organisationId: string } | { scope: ReadScope };

/**
 * A service's roster in MongoDB: one document per participant, by `_id`. The topics it follows are
 * consumed independently, so any event may create the document first; each sets only its own
 * fields, and each is applied once (`applyOnce`: a redelivery changes nothing).
 */
export class MongoRosterStore<Entry extends RosterEntryBase> {
  private readonly collection: Collection<RosterDocument>;

  constructor(
    connection: Connection,
    private readonly guard: WriteGuard,
    private readonly options: RosterOptions<Entry>,
  ) {
    this.collection = connection.collection<RosterDocument>(ROSTER_COLLECTION);
  }

  async createIndexes(): Promise<void> {
    // The lists of one organisation's participants, by name.
    await this.collection.createIndex({ organisationId: 1, displayName: 1 });
    // The manager's view over a region.
    await this.collection.createIndex({ regionId: 1 });
  }

  /** Applies an event once; false when it was applied before (a redelivery) or is not for this roster. */
  async apply(envelope: EventEnvelope<unknown>): Promise<boolean> {
    const change = rosterChange(envelope, this.options);
    if (change === null) return false;
    if (change.kind === 'set') {
      const trajectory = change.trajectory;
      const fields = trajectory
        ? { ...change.fields, [`trajectories.${trajectory.trajectoryId}`]: trajectory }
        : change.fields;
      return this.once(envelope, fields);
    }
    // Events of one participant arrive in order on one partition, so read-then-write is safe here.
    const id = change.trajectoryId;
    const document = await this.collection.findOne({ _id: envelope.participantId });
    const current = document?.trajectories?.[id] ?? blankTrajectory(id, this.options);
    return this.once(envelope, { [`trajectories.${id}`]: change.change(current) });
  }

  private once(envelope: EventEnvelope<unknown>, fields: Record<string, unknown>): Promise<boolean> {
    const target = this.collection as unknown as ProjectionCollection;
    return applyOnce(target, envelope.participantId, envelope.eventId, { $set: fields }, this.guard);
  }

  /** The participants the query selects, erased and not yet named ones left out, by display name. */
  async list(query: RosterListQuery): Promise<Entry[]> {
    const selected = 'scope' in query ? readScopeFilter(query.scope) : { organisationId: query.organisationId };
    let cursor = this.collection
      .find({ ...selected, erased: { $ne: true }, displayName: { $exists: true } })
      .sort({ displayName: 1 });
    if (this.options.listLimit !== undefined) cursor = cursor.limit(this.options.listLimit);
    const documents = await cursor.toArray();
    return documents.map((document) => rosterEntryOf(document, this.options));
  }

  /** A participant by id; null when unknown (no organisation yet) or erased. */
  async findById(participantId: string): Promise<Entry | null> {
    // By _id alone: FerretDB v1 scans the collection for any other condition.
    const document = await this.collection.findOne({ _id: participantId });
    return document?.organisationId && !document.erased ? rosterEntryOf(document, this.options) : null;
  }

  /** The organisations that have participants not erased. */
  async organisations(): Promise<string[]> {
    const ids = await this.collection.distinct('organisationId', { erased: { $ne: true } });
    return ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  }

  /** Every participant id not erased. */
  async ids(): Promise<string[]> {
    const documents = await this.collection
      .find({ erased: { $ne: true } }, { projection: { _id: 1 } })
      .limit(100_000)
      .toArray();
    return documents.map((document) => document._id);
  }

  /** The region of an organisation, as its participants' events tell it; null when none is known. */
  async regionOf(organisationId: string): Promise<string | null> {
    const document = await this.collection.findOne(
      { organisationId, regionId: { $exists: true } },
      { projection: { regionId: 1 } },
    );
    return document?.regionId ?? null;
  }

  /** Whether the participant was erased (right to erasure). */
  async isErased(participantId: string): Promise<boolean> {
    const document = await this.collection.findOne({ _id: participantId }, { projection: { erased: 1 } });
    return document?.erased === true;
  }
}
