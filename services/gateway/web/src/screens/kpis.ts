import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { FlowThroughSchemas, PathsWith, RequestBodyOf, ResponseOf } from '../api-types';
import { queryString } from './insight-kit';

/**
 * The flow-through KPI answers, generated from its OpenAPI document
 * (`services/flow-through/src/kpis/interface/kpi.dto.ts` → `src/generated/flow-through.ts`).
 */

export interface KpiFilters {
  from: string;
  to: string;
  regionId?: string | null;
  organisationId?: string | null;
}

type Kpi = FlowThroughSchemas;

export type KpiSummary = Kpi['KpiSummaryView'];
export type HoursDistribution = Kpi['HoursDistributionView'];
export type HoursTrend = Kpi['HoursTrendView'];
export type OutflowByDestination = Kpi['OutflowView'];
export type ReferralFunnel = Kpi['ReferralFunnelView'];
export type CoachingCoverage = Kpi['CoachingCoverageView'];
export type AlertFigures = Kpi['OpenAlertsView'];
export type OrganisationFigures = Kpi['OrganisationKpisView'];
export type Cohorts = Kpi['CohortsView'];

/** The KPI answers the dashboard reads as JSON, by their path under `/flow-through/kpis/`. */
export type KpiPath = {
  [Path in PathsWith<'get'>]: Path extends `/flow-through/kpis/${infer Name}`
    ? [ResponseOf<Path, 'get'>] extends [never]
      ? never
      : Name extends `${string}/${string}`
        ? never
        : Name
    : never;
}[PathsWith<'get'>];

export const kpiQuery = (filters: KpiFilters) =>
  queryString({
    regionId: filters.regionId,
    organisationId: filters.organisationId,
    from: filters.from,
    to: filters.to,
  });

export function useKpi<T>(path: KpiPath, filters: KpiFilters) {
  return useQuery({
    queryKey: ['kpi', path, filters],
    queryFn: () => api<T>(`/flow-through/kpis/${path}${kpiQuery(filters)}`),
  });
}

export const exportLinks = (filters: KpiFilters) =>
  (['export.csv', 'export.xlsx'] as const).map((file) => ({
    file,
    href: `/api/flow-through/kpis/${file}${kpiQuery(filters)}`,
  }));

/** The pseudonymised export runs in the background: started, followed, then downloaded. */
export type PseudonymisedExport = Kpi['PseudonymisedExportView'];

export const PSEUDONYMISED_EXPORTS = '/flow-through/kpis/pseudonymised-exports' satisfies PathsWith<'post'>;

/** What the export covers: the dashboard's period and scope (empty values left out). */
export const pseudonymisedExportRequest = (filters: KpiFilters): RequestBodyOf<typeof PSEUDONYMISED_EXPORTS, 'post'> =>
  Object.fromEntries(
    Object.entries({
      regionId: filters.regionId,
      organisationId: filters.organisationId,
      from: filters.from,
      to: filters.to,
    }).filter(([, value]) => value),
  );

export const pseudonymisedFileHref = (id: string) => `/api${PSEUDONYMISED_EXPORTS}/${encodeURIComponent(id)}/file`;
