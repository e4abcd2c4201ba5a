import type { OrganisationFigures } from '../domain/figures';
import type { OrganisationAlerts } from '../domain/open-alerts';
import type { OrganisationMonth } from '../domain/organisation-month';
import type { OrganisationRoster } from '../domain/roster';
import type { KpiReadModels } from './kpi-read-models';

interface Entry<T> {
  value: Promise<T>;
  readAt: number;
}

/**
 * The dashboard asks for its panels side by side, and every panel reads the same figures and
 * alerts documents of the same organisations. This keeps those two small documents for `ttlMs`
 * and lets concurrent readers share one database read, so a dashboard costs one read per
 * organisation instead of one per panel. A change stored through this instance drops its entry at
 * once; another instance's change shows within `ttlMs` (figures a few seconds old are fine for a
 * dashboard; nothing that enforces a rule reads them). The larger documents are never kept.
 */
export class CachedKpiReadModels implements KpiReadModels {
  private readonly figuresCache = new Map<string, Entry<OrganisationFigures | null>>();
  private readonly alertsCache = new Map<string, Entry<OrganisationAlerts | null>>();

  constructor(
    private readonly inner: KpiReadModels,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  figures(organisationId: string): Promise<OrganisationFigures | null> {
    return this.cached(this.figuresCache, organisationId, () => this.inner.figures(organisationId));
  }

  alerts(organisationId: string): Promise<OrganisationAlerts | null> {
    return this.cached(this.alertsCache, organisationId, () => this.inner.alerts(organisationId));
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
    afterWrite?: (stored: OrganisationRoster) => Promise<void>,
  ): Promise<void> {
    await this.inner.updateRoster(organisationId, change, afterWrite);
    // The figures are derived from the roster inside the write.
    this.figuresCache.delete(organisationId);
  }

  async updateOrganisationMonth(
    organisationId: string,
    regionId: string,
    month: string,
    change: (current: OrganisationMonth) => OrganisationMonth,
    afterWrite?: (stored: OrganisationMonth) => Promise<void>,
  ): Promise<void> {
    await this.inner.updateOrganisationMonth(organisationId, regionId, month, change, afterWrite);
    this.figuresCache.delete(organisationId);
  }

  async updateFigures(
    organisationId: string,
    change: (current: OrganisationFigures) => OrganisationFigures,
  ): Promise<void> {
    await this.inner.updateFigures(organisationId, change);
    this.figuresCache.delete(organisationId);
  }

  async updateAlerts(
    organisationId: string,
    change: (current: OrganisationAlerts) => OrganisationAlerts,
  ): Promise<void> {
    await this.inner.updateAlerts(organisationId, change);
    this.alertsCache.delete(organisationId);
  }

  /** Each reader gets its own copy, so no query can change what the next one reads. */
  private async cached<T>(cache: Map<string, Entry<T>>, key: string, read: () => Promise<T>): Promise<T> {
    return structuredClone(await this.shared(cache, key, read));
  }

  private shared<T>(cache: Map<string, Entry<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const entry = cache.get(key);
    if (entry && now - entry.readAt < this.ttlMs) return entry.value;
    const value = read();
    if (this.ttlMs <= 0) return value;
    cache.set(key, { value, readAt: now });
    // A failed read is not kept: the next reader tries the database again.
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    return value;
  }
}
