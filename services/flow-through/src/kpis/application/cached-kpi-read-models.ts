import { SharedReads } from '@stapsteen/concurrency';
import type { OrganisationFigures } from '../domain/figures';
import type { OrganisationAlerts } from '../domain/open-alerts';
import type { OrganisationMonth } from '../domain/organisation-month';
import type { OrganisationRoster } from '../domain/roster';
import type { KpiReadModels } from './kpi-read-models';

/**
 * The dashboard asks for its panels side by side, and every panel reads the same figures and
 * alerts documents of the same organisations. This keeps those two small documents for `ttlMs`
 * and lets concurrent readers share one database read, so a dashboard costs one read per
 * organisation instead of one per panel. A change stored through this instance drops its entry at
 * once; another instance's change shows within `ttlMs` (figures a few seconds old are fine for a
 * dashboard; nothing that enforces a rule reads them). The larger documents are never kept.
 *
 * With `ttlMs` 0 nothing is kept, but readers that arrive while a read of the same document is in
 * flight still share it (it answers with what the database holds now, as their own read would): a
 * dashboard of eight panels then reads each organisation's documents once, not eight times side by
 * side. A change stored through this instance ends the sharing at once, so a reader after the
 * write never gets a read that started before it.
 */
export class CachedKpiReadModels implements KpiReadModels {
  private readonly figuresCache: SharedReads<OrganisationFigures | null>;
  private readonly alertsCache: SharedReads<OrganisationAlerts | null>;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly inner: KpiReadModels,
    ttlMs: number,
    now: () => number = Date.now,
  ) {
    this.figuresCache = new SharedReads(ttlMs, now);
    this.alertsCache = new SharedReads(ttlMs, now);
  }

  figures(organisationId: string): Promise<OrganisationFigures | null> {
    return this.cached(this.figuresCache, organisationId, () =>
      this.shared(`figures:${organisationId}`, () => this.inner.figures(organisationId)),
    );
  }

  alerts(organisationId: string): Promise<OrganisationAlerts | null> {
    return this.cached(this.alertsCache, organisationId, () =>
      this.shared(`alerts:${organisationId}`, () => this.inner.alerts(organisationId)),
    );
  }

  roster(organisationId: string): Promise<OrganisationRoster | null> {
    return this.inner.roster(organisationId);
  }

  organisationMonths(organisationId: string, months: readonly string[]): Promise<OrganisationMonth[]> {
    return this.inner.organisationMonths(organisationId, months);
  }

  async updateRoster(
    organisationId: string,
    change: (current: OrganisationRoster) => OrganisationRoster,
    afterWrite?: (stored: OrganisationRoster, version: number) => Promise<void>,
  ): Promise<void> {
    await this.inner.updateRoster(organisationId, change, afterWrite);
    // The figures are derived from the roster inside the write.
    this.forgetFigures(organisationId);
  }

  async updateOrganisationMonth(
    organisationId: string,
    regionId: string,
    month: string,
    change: (current: OrganisationMonth) => OrganisationMonth,
    afterWrite?: (stored: OrganisationMonth, version: number) => Promise<void>,
  ): Promise<void> {
    await this.inner.updateOrganisationMonth(organisationId, regionId, month, change, afterWrite);
    this.forgetFigures(organisationId);
  }

  async updateFigures(
    organisationId: string,
    change: (current: OrganisationFigures) => OrganisationFigures,
  ): Promise<void> {
    await this.inner.updateFigures(organisationId, change);
    this.forgetFigures(organisationId);
  }

  async updateAlerts(
    organisationId: string,
    change: (current: OrganisationAlerts) => OrganisationAlerts,
  ): Promise<void> {
    await this.inner.updateAlerts(organisationId, change);
    this.alertsCache.forget(organisationId);
    this.inFlight.delete(`alerts:${organisationId}`);
  }

  private forgetFigures(organisationId: string): void {
    this.figuresCache.forget(organisationId);
    this.inFlight.delete(`figures:${organisationId}`);
  }

  /** One read in flight per document, shared by whoever asks meanwhile; nothing kept once it answers. */
  private shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const value = read().finally(() => {
      if (this.inFlight.get(key) === value) this.inFlight.delete(key);
    });
    this.inFlight.set(key, value);
    return value;
  }

  /**
   * Every reader gets the same document, frozen once when it is read, so no query can change what
   * the next one reads (a change throws). A copy per reader cost more than the reads it shared: in
   * a CPU profile of the dashboard bench it was the service's largest own cost.
   */
  private async cached<T>(reads: SharedReads<T>, key: string, read: () => Promise<T>): Promise<T> {
    return reads.get(key, async () => deepFreeze(await read()));
  }
}

/** The value and everything it holds made read-only. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
