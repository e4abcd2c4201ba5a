import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { WRITE_GUARD, WriteGuard, aggregateKey, guardedFilter, readDecideWrite } from '@stapsteen/concurrency';
import { DomainError } from '@stapsteen/errors';
import type { Collection, Connection } from 'mongoose';
import type { KpiReadModels } from '../application/kpi-read-models';
import { OrganisationFigures, emptyOrganisationFigures } from '../domain/figures';
import { OrganisationAlerts, emptyOrganisationAlerts } from '../domain/open-alerts';
import { OrganisationMonth, emptyOrganisationMonth, organisationMonthId } from '../domain/organisation-month';
import { OrganisationRoster, emptyRoster } from '../domain/roster';

export const KPI_ROSTERS_COLLECTION = 'kpi_rosters';
export const KPI_ORGANISATION_MONTHS_COLLECTION = 'kpi_organisation_months';
/** Per organisation, the months that have an hours document: a lookup that misses scans on FerretDB v1. */
export const KPI_HOURS_MONTH_INDEX_COLLECTION = 'kpi_hours_month_index';
export const KPI_OPEN_ALERTS_COLLECTION = 'kpi_open_alerts';
/** Per organisation, the compact figures the dashboard reads (a few KB instead of every participant). */
export const KPI_FIGURES_COLLECTION = 'kpi_figures';

/**
 * What is stored: the read model as one JSON string beside its `_id` and version. FerretDB v1
 * converts every field of a document on each read and write: a figures document of 55 KB spread
 * over thousands of fields (a stretch per participant) took 150–1,000 ms to read on a loaded
 * machine, the same bytes as one string field 8–25 ms in the same run (dashboard bench). Nothing
 * here is queried by a field, so nothing is lost, and MongoDB reads it the same way. Documents
 * stored field by field by an earlier version are still read (`decode`) and rewritten in this
 * shape by their next change.
 */
type Versioned<T> = { _id: string; version: number; payload?: string } & Partial<T>;
interface HoursMonthIndex {
  _id: string;
  months: Record<string, true>;
}

const DUPLICATE_KEY = 11000;

/**
 * The KPI read models on the MongoDB wire protocol. Reads are `_id` lookups only; each update is
 * read-change-write of one document under the in-process lock (FerretDB) and, where the database
 * applies conditions atomically (MongoDB), the version condition too (ADR 5). No secondary indexes:
 * nothing here is queried by anything but `_id`.
 */
@Injectable()
export class MongoKpiReadModels implements KpiReadModels {
  private readonly rosters: Collection<Versioned<OrganisationRoster>>;
  private readonly months: Collection<Versioned<OrganisationMonth>>;
  private readonly monthIndex: Collection<Versioned<HoursMonthIndex>>;
  private readonly openAlerts: Collection<Versioned<OrganisationAlerts>>;
  private readonly figureDocuments: Collection<Versioned<OrganisationFigures>>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(WRITE_GUARD) private readonly guard: WriteGuard,
  ) {
    this.rosters = connection.collection(KPI_ROSTERS_COLLECTION);
    this.months = connection.collection(KPI_ORGANISATION_MONTHS_COLLECTION);
    this.monthIndex = connection.collection(KPI_HOURS_MONTH_INDEX_COLLECTION);
    this.openAlerts = connection.collection(KPI_OPEN_ALERTS_COLLECTION);
    this.figureDocuments = connection.collection(KPI_FIGURES_COLLECTION);
  }

  async roster(organisationId: string): Promise<OrganisationRoster | null> {
    return decode<OrganisationRoster>(await this.rosters.findOne({ _id: organisationId }));
  }

  async organisationMonths(organisationId: string, months: readonly string[]): Promise<OrganisationMonth[]> {
    const index = decode<HoursMonthIndex>(await this.monthIndex.findOne({ _id: organisationId }));
    const existing = months.filter((month) => index?.months?.[month]);
    const found = await Promise.all(
      existing.map((month) => this.months.findOne({ _id: organisationMonthId(organisationId, month) })),
    );
    return found.map((m) => decode<OrganisationMonth>(m)).filter((m): m is OrganisationMonth => m !== null);
  }

  async alerts(organisationId: string): Promise<OrganisationAlerts | null> {
    return decode<OrganisationAlerts>(await this.openAlerts.findOne({ _id: organisationId }));
  }

  async figures(organisationId: string): Promise<OrganisationFigures | null> {
    return decode<OrganisationFigures>(await this.figureDocuments.findOne({ _id: organisationId }));
  }

  updateRoster(
    organisationId: string,
    change: (current: OrganisationRoster) => OrganisationRoster,
    afterWrite?: (stored: OrganisationRoster, version: number) => Promise<void>,
  ): Promise<void> {
    return this.update(this.rosters, organisationId, () => emptyRoster(organisationId), change, afterWrite);
  }

  updateFigures(organisationId: string, change: (current: OrganisationFigures) => OrganisationFigures): Promise<void> {
    return this.update(this.figureDocuments, organisationId, () => emptyOrganisationFigures(organisationId), change);
  }

  updateOrganisationMonth(
    organisationId: string,
    regionId: string,
    month: string,
    change: (current: OrganisationMonth) => OrganisationMonth,
    afterWrite?: (stored: OrganisationMonth, version: number) => Promise<void>,
  ): Promise<void> {
    return this.update(
      this.months,
      organisationMonthId(organisationId, month),
      () => emptyOrganisationMonth(organisationId, regionId, month),
      change,
      afterWrite,
      // Listed before the document exists: a crash in between costs one lookup that misses, never a lost month.
      () => this.indexMonth(organisationId, month),
    );
  }

  updateAlerts(organisationId: string, change: (current: OrganisationAlerts) => OrganisationAlerts): Promise<void> {
    return this.update(this.openAlerts, organisationId, () => emptyOrganisationAlerts(organisationId), change);
  }

  private indexMonth(organisationId: string, month: string): Promise<void> {
    return this.update(
      this.monthIndex,
      organisationId,
      (): HoursMonthIndex => ({ _id: organisationId, months: {} }),
      (index): HoursMonthIndex =>
        index.months[month] ? index : { ...index, months: { ...index.months, [month]: true as const } },
    );
  }

  private async update<T extends { _id: string }>(
    collection: Collection<Versioned<T>>,
    id: string,
    empty: () => T,
    change: (current: T) => T,
    afterWrite: (stored: T, version: number) => Promise<void> = async () => undefined,
    beforeCreate: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    const name = collection.collectionName;
    const currentVersion = async () =>
      (await collection.findOne({ _id: id } as never, { projection: { version: 1 } }))?.version ?? null;
    // A document written before versions existed (the month index) reads as version 0 and is
    // written only while it still has none.
    let unversioned = false;
    const condition = (version: number) =>
      version === 0 && unversioned ? { version: { $exists: false } } : { version };
    // afterWrite runs inside the write, under this process's lock: one process derives in order.
    await readDecideWrite<T, T, void>({
      key: aggregateKey(name, id),
      serialize: (key, work) => this.guard.lock.run(key, work),
      load: async () => {
        const stored = await collection.findOne({ _id: id } as never);
        const value = decode<T>(stored);
        unversioned = stored !== null && typeof stored.version !== 'number';
        return stored && value ? { value, version: unversioned ? 0 : stored.version } : null;
      },
      decide: (loaded) => {
        const current = loaded?.value ?? empty();
        const next = change(current);
        // Nothing changed (an erasure finding nothing): no write, and no empty document created.
        return { next, result: undefined, unchanged: next === current };
      },
      insert: async (next) => {
        await beforeCreate();
        try {
          await collection.insertOne(encode(id, next, 1) as never);
        } catch (error) {
          if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
          throw error;
        }
        await afterWrite(next, 1);
        return true;
      },
      update: async (next, version) => {
        const written = await this.guard.claims.write(
          name,
          id,
          version,
          async () =>
            (
              await collection.replaceOne(
                guardedFilter(this.guard, id, condition(version)) as never,
                encode(id, next, version + 1) as never,
              )
            ).matchedCount === 1,
          currentVersion,
        );
        if (written) await afterWrite(next, version + 1);
        return written;
      },
      busy: () => new DomainError('KPI.READ_MODEL_CONFLICT', 'conflict', `The KPI read model ${id} kept changing.`),
    });
  }
}

/** The stored form of a read model: its id, its concurrency version and the model as one JSON string. */
export function encode<T>(id: string, model: T, version: number): { _id: string; version: number; payload: string } {
  return { _id: id, version, payload: JSON.stringify(model) };
}

/** The read model of a stored document (either shape), without its concurrency version: what the domain knows. */
export function decode<T>(document: object | null): T | null {
  if (!document) return null;
  const { version: _version, payload, ...rest } = document as { version?: number; payload?: unknown };
  if (typeof payload === 'string') return JSON.parse(payload) as T;
  return rest as T;
}
