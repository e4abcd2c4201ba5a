import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { KeyedLock } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import type { OutboxEntry } from '@stapsteen/messaging';
import type { Collection, Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { MonthCloseLedger } from '../../prestations/application/ports';
import type { MonthClose, MonthCloseRepository, TargetSettings } from '../application/ports';
import type { OrganisationTargets } from '../domain/targets';
import {
  AttemptFateDocument,
  ChunkLimits,
  CloseEventsRef,
  DEFAULT_CHUNK_LIMITS,
  EventChunkDocument,
  MONTH_CLOSE_EVENTS_COLLECTION,
  chunkId,
  chunkOutbox,
  fateId,
} from './close-event-chunks';

interface MonthCloseDocument extends MonthClose {
  _id: string;
  /** Closes stored before ADR 25 kept their events here; the generic outbox relay still drains them. */
  outbox?: OutboxEntry[];
  /** Which attempt's chunk documents hold the events of this close (ADR 25). */
  events?: CloseEventsRef;
}

/** The months one organisation has closed: one small document, always found by `_id`. */
interface LedgerDocument {
  _id: string;
  months: string[];
}

export const MONTH_CLOSES_COLLECTION = 'month_closes';
export const MONTH_CLOSE_LEDGERS_COLLECTION = 'month_close_ledgers';
const DUPLICATE_KEY = 11000;

/**
 * One document per organisation-month; its unique id makes closing a month happen once. Which
 * months are closed is answered from a ledger per organisation (ADR 8): asking month_closes for
 * a month that was never closed is an `_id` miss, which FerretDB v1 answers by scanning every
 * close with its results and outbox.
 *
 * The ledger is written after the close, so it never lists a month that has no close. A process
 * that dies in between leaves a month out; closing it again answers 409 and repairs the entry,
 * and `reconcileLedgers` (at start-up) adds whatever is missing.
 */
@Injectable()
export class MongoMonthCloses implements MonthCloseRepository, MonthCloseLedger {
  private readonly collection: Collection<MonthCloseDocument>;
  private readonly ledgers: Collection<LedgerDocument>;
  private readonly drafts: Collection<EventChunkDocument | AttemptFateDocument>;
  /** How the events of one close are cut into chunk documents; tests make them small. */
  chunkLimits: ChunkLimits = DEFAULT_CHUNK_LIMITS;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(KeyedLock) private readonly lock: KeyedLock,
  ) {
    this.collection = connection.collection<MonthCloseDocument>(MONTH_CLOSES_COLLECTION);
    this.ledgers = connection.collection<LedgerDocument>(MONTH_CLOSE_LEDGERS_COLLECTION);
    this.drafts = connection.collection<EventChunkDocument | AttemptFateDocument>(MONTH_CLOSE_EVENTS_COLLECTION);
  }

  /**
   * ADR 25: the events go first, as drafts in chunk documents of this attempt; then the attempt's
   * DECIDING fate (it loses to a repair that gave the attempt up); then the close document, the one
   * insert that decides and names the attempt. A loser removes its drafts; a closer that dies on
   * the way leaves drafts that the relay's repair removes after the lease, unpublished.
   */
  async insert(close: MonthClose, outbox: OutboxEntry[]): Promise<boolean> {
    const closeId = `${close.organisationId}:${close.month}`;
    const attempt = randomUUID();
    const startedAt = new Date();
    const chunks = chunkOutbox(outbox, this.chunkLimits);
    for (const [n, chunk] of chunks.entries()) {
      await this.drafts.insertOne({ _id: chunkId(closeId, attempt, n), closeId, attempt, n, startedAt, outbox: chunk });
    }
    try {
      await this.drafts.insertOne({
        _id: fateId(closeId, attempt),
        closeId,
        attempt,
        fate: 'DECIDING',
        at: new Date(),
      });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      // A repair took this attempt for dead and removes its drafts: nothing was decided.
      throw new DomainError('HOURS.BUSY', 'conflict', 'The close took too long and was given up; try again.');
    }
    let inserted = true;
    try {
      await this.collection.insertOne({ _id: closeId, ...close, events: { attempt, chunks: chunks.length } });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      inserted = false;
      // Another close decided this month: our drafts are never published.
      for (let n = 0; n < chunks.length; n += 1) await this.drafts.deleteOne({ _id: chunkId(closeId, attempt, n) });
      await this.drafts.deleteOne({ _id: fateId(closeId, attempt) });
    }
    // Also after a duplicate: the earlier close may be the one whose ledger entry was not written.
    await this.addToLedger(close.organisationId, [close.month]);
    return inserted;
  }

  async load(organisationId: string, month: string): Promise<MonthClose | null> {
    if (!(await this.closedMonths(organisationId)).has(month)) return null;
    const document = await this.collection.findOne(
      { _id: `${organisationId}:${month}` },
      { projection: { outbox: 0, events: 0 } },
    );
    if (!document) return null;
    const { _id: _id, outbox: _outbox, events: _events, ...close } = document;
    return close;
  }

  async closedMonths(organisationId: string): Promise<ReadonlySet<string>> {
    // A miss here scans the ledgers only: one small document per organisation that ever closed.
    const ledger = await this.ledgers.findOne({ _id: organisationId });
    return new Set(ledger?.months ?? []);
  }

  /** Adds closes the ledgers do not list (a crash between the two writes, or data from before them). */
  async reconcileLedgers(): Promise<number> {
    // One scan at start-up, of the ids only.
    const ids = await this.collection.find({}, { projection: { _id: 1 } }).toArray();
    const byOrganisation = new Map<string, string[]>();
    for (const { _id } of ids) {
      const separator = _id.lastIndexOf(':');
      const organisationId = _id.slice(0, separator);
      byOrganisation.set(organisationId, [...(byOrganisation.get(organisationId) ?? []), _id.slice(separator + 1)]);
    }
    let added = 0;
    for (const [organisationId, months] of byOrganisation) {
      const listed = await this.closedMonths(organisationId);
      const missing = months.filter((month) => !listed.has(month));
      if (missing.length === 0) continue;
      await this.addToLedger(organisationId, missing);
      added += missing.length;
    }
    return added;
  }

  private async addToLedger(organisationId: string, months: string[]): Promise<void> {
    // Under the lock: FerretDB v1 applies an update as a read and a write, so two closes of one
    // organisation adding their month at once could otherwise lose one (ADR 5).
    await this.lock.run(`${MONTH_CLOSE_LEDGERS_COLLECTION}:${organisationId}`, async () => {
      const add = () =>
        this.ledgers.updateOne({ _id: organisationId }, { $addToSet: { months: { $each: months } } }, { upsert: true });
      try {
        await add();
      } catch (error) {
        // The first close of two racing instances: the other upsert created the ledger; add to it.
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        await add();
      }
    });
  }
}

interface TargetSettingsDocument extends OrganisationTargets {
  _id: string;
}

@Injectable()
export class MongoTargetSettings implements TargetSettings {
  private readonly collection: Collection<TargetSettingsDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.collection = connection.collection<TargetSettingsDocument>('target_settings');
  }

  async forOrganisation(organisationId: string): Promise<OrganisationTargets | null> {
    const document = await this.collection.findOne({ _id: organisationId });
    if (!document) return null;
    return {
      steps: document.steps,
      ...(document.flagAfterMonthsBelow === undefined ? {} : { flagAfterMonthsBelow: document.flagAfterMonthsBelow }),
    };
  }

  /** Replaces the organisation's settings whole: the ramp and the low-hours rule in one document. */
  async save(organisationId: string, targets: OrganisationTargets): Promise<void> {
    const document = {
      steps: targets.steps,
      ...(targets.flagAfterMonthsBelow === undefined ? {} : { flagAfterMonthsBelow: targets.flagAfterMonthsBelow }),
    };
    const write = () => this.collection.replaceOne({ _id: organisationId }, document, { upsert: true });
    try {
      await write();
    } catch (error) {
      // Two first saves racing: both upserts try to insert and one loses on _id. The document
      // exists now, so the retry replaces it (last writer wins, as for any later save).
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      await write();
    }
  }
}
