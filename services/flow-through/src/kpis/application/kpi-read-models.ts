import type { OrganisationFigures } from '../domain/figures';
import type { OrganisationAlerts } from '../domain/open-alerts';
import type { OrganisationMonth } from '../domain/organisation-month';
import type { OrganisationRoster } from '../domain/roster';

/**
 * The KPI read models, each addressed by `_id` only (ADR 6). Updates are read-change-write of one
 * document whose version step is claimed (ADR 18), so two partitions touching the same
 * organisation never lose each other's change, in one process or across instances. `afterWrite`
 * gets the stored document with its version: the compact figures derived from it record that
 * version and ignore an older one arriving late (another instance's write may finish after a newer).
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
    afterWrite?: (stored: OrganisationRoster, version: number) => Promise<void>,
  ): Promise<void>;
  updateOrganisationMonth(
    organisationId: string,
    regionId: string,
    month: string,
    change: (current: OrganisationMonth) => OrganisationMonth,
    afterWrite?: (stored: OrganisationMonth, version: number) => Promise<void>,
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
