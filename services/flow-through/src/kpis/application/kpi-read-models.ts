import type { OrganisationFigures } from '../domain/figures';
import type { OrganisationAlerts } from '../domain/open-alerts';
import type { OrganisationMonth } from '../domain/organisation-month';
import type { OrganisationRoster } from '../domain/roster';

/**
 * The KPI read models, each addressed by `_id` only (ADR 6). Updates are read-change-write of one
 * document under the per-document lock, so two partitions touching the same organisation never
 * lose each other's change (ADR 5). `afterWrite` runs inside that lock once the change is stored, so
 * the compact figures derived from a document are always derived from its latest version.
 */
export interface KpiReadModels {
  roster(organisationId: string): Promise<OrganisationRoster | null>;
  /** The organisation's hours documents for those months that have one (closed months only). */
  organisationMonths(organisationId: string, months: readonly string[]): Promise<OrganisationMonth[]>;
  alerts(organisationId: string): Promise<OrganisationAlerts | null>;
  figures(organisationId: string): Promise<OrganisationFigures | null>;

  updateRoster(
    organisationId: string,
    change: (current: OrganisationRoster) => OrganisationRoster,
    afterWrite?: (stored: OrganisationRoster) => Promise<void>,
  ): Promise<void>;
  updateOrganisationMonth(
    organisationId: string,
    regionId: string,
    month: string,
    change: (current: OrganisationMonth) => OrganisationMonth,
    afterWrite?: (stored: OrganisationMonth) => Promise<void>,
  ): Promise<void>;
  updateFigures(organisationId: string, change: (current: OrganisationFigures) => OrganisationFigures): Promise<void>;
  updateAlerts(organisationId: string, change: (current: OrganisationAlerts) => OrganisationAlerts): Promise<void>;
}

export const KPI_READ_MODELS = Symbol('KPI_READ_MODELS');

/** The participant's birth date, from flow-through's own participant records; null when unknown. */
export interface BirthDates {
  birthDateOf(participantId: string): Promise<string | null>;
}

export const BIRTH_DATES = Symbol('BIRTH_DATES');
