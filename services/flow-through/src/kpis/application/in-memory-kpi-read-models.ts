import { OrganisationFigures, emptyOrganisationFigures } from '../domain/figures';
import { OrganisationAlerts, emptyOrganisationAlerts } from '../domain/open-alerts';
import { OrganisationMonth, emptyOrganisationMonth, organisationMonthId } from '../domain/organisation-month';
import { OrganisationRoster, emptyRoster } from '../domain/roster';
import type { KpiReadModels } from './kpi-read-models';

/** The read models in memory, for unit tests of the projector and the queries. */
export class InMemoryKpiReadModels implements KpiReadModels {
  readonly rosters = new Map<string, OrganisationRoster>();
  readonly months = new Map<string, OrganisationMonth>();
  readonly openAlerts = new Map<string, OrganisationAlerts>();
  readonly figureDocuments = new Map<string, OrganisationFigures>();
  /** Each store's document versions, as the database keeps them beside each document. */
  private readonly versions = new WeakMap<object, Map<string, number>>();
  writes = 0;

  async roster(organisationId: string) {
    return structuredClone(this.rosters.get(organisationId) ?? null);
  }

  async organisationMonths(organisationId: string, months: readonly string[]) {
    return months
      .map((month) => this.months.get(organisationMonthId(organisationId, month)))
      .filter((m): m is OrganisationMonth => m !== undefined)
      .map((m) => structuredClone(m));
  }

  async alerts(organisationId: string) {
    return structuredClone(this.openAlerts.get(organisationId) ?? null);
  }

  async figures(organisationId: string) {
    return structuredClone(this.figureDocuments.get(organisationId) ?? null);
  }

  async updateRoster(
    organisationId: string,
    change: (current: OrganisationRoster) => OrganisationRoster,
    afterWrite?: (stored: OrganisationRoster, version: number) => Promise<void>,
  ) {
    const stored = this.apply(this.rosters, organisationId, () => emptyRoster(organisationId), change);
    if (stored && afterWrite) await afterWrite(stored.value, stored.version);
  }

  async updateFigures(organisationId: string, change: (current: OrganisationFigures) => OrganisationFigures) {
    this.apply(this.figureDocuments, organisationId, () => emptyOrganisationFigures(organisationId), change);
  }

  async updateOrganisationMonth(
    organisationId: string,
    regionId: string,
    month: string,
    change: (current: OrganisationMonth) => OrganisationMonth,
    afterWrite?: (stored: OrganisationMonth, version: number) => Promise<void>,
  ) {
    const stored = this.apply(
      this.months,
      organisationMonthId(organisationId, month),
      () => emptyOrganisationMonth(organisationId, regionId, month),
      change,
    );
    if (stored && afterWrite) await afterWrite(stored.value, stored.version);
  }

  async updateAlerts(organisationId: string, change: (current: OrganisationAlerts) => OrganisationAlerts) {
    this.apply(this.openAlerts, organisationId, () => emptyOrganisationAlerts(organisationId), change);
  }

  private apply<T>(
    store: Map<string, T>,
    id: string,
    empty: () => T,
    change: (current: T) => T,
  ): { value: T; version: number } | null {
    const current = structuredClone(store.get(id) ?? empty());
    const next = change(current);
    if (next === current) return null;
    this.writes += 1;
    store.set(id, structuredClone(next));
    const versions = this.versions.get(store) ?? new Map<string, number>();
    this.versions.set(store, versions);
    const version = (versions.get(id) ?? 0) + 1;
    versions.set(id, version);
    return { value: next, version };
  }
}
