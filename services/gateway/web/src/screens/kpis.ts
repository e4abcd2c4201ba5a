import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { queryString } from './insight-kit';

/** The flow-through KPI answers, as `services/flow-through/src/kpis/interface` describes them. */

export interface KpiFilters {
  from: string;
  to: string;
  regionId?: string | null;
  organisationId?: string | null;
}

export interface KpiSummary {
  period: { from: string; to: string };
  regionId: string | null;
  organisationId: string | null;
  referred: number;
  started: number;
  active: number;
  ended: number;
  positiveOutflowRate: number | null;
  inWorkNineMonthsRate: number | null;
  averageCountedHours: number | null;
  shareBelowTarget: number | null;
  coachingCoverage: number | null;
  openAlerts: number;
}

export interface HoursDistribution {
  cap: number;
  buckets: { bucket: string; participantMonths: number }[];
}

export interface HoursTrend {
  months: {
    month: string;
    participantMonths: number;
    averageCountedHours: number | null;
    shareBelowTarget: number | null;
  }[];
}

export interface OutflowByDestination {
  destinations: { destination: string; positive: boolean; count: number }[];
}

export interface ReferralFunnel {
  stages: { stage: string; count: number }[];
  dropOffs: { stage: string; reasonCode: string; count: number }[];
}

export interface CoachingCoverage {
  months: { month: string; activeParticipants: number; coached: number; coverage: number | null }[];
}

export interface AlertFigures {
  kinds: { kind: string; open: number; byAge: Record<string, number> }[];
}

export interface OrganisationFigures extends Partial<KpiSummary> {
  organisationId: string;
  name: string;
}

export const kpiQuery = (filters: KpiFilters) =>
  queryString({
    regionId: filters.regionId,
    organisationId: filters.organisationId,
    from: filters.from,
    to: filters.to,
  });

export function useKpi<T>(path: string, filters: KpiFilters) {
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
export interface PseudonymisedExport {
  id: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  period: { from: string; to: string };
  progress: { done: number; total: number; rows: number; suppressedGroups: number };
  filename: string;
}

export const PSEUDONYMISED_EXPORTS = '/flow-through/kpis/pseudonymised-exports';

/** What the export covers: the dashboard's period and scope (empty values left out). */
export const pseudonymisedExportRequest = (filters: KpiFilters) =>
  Object.fromEntries(
    Object.entries({
      regionId: filters.regionId,
      organisationId: filters.organisationId,
      from: filters.from,
      to: filters.to,
    }).filter(([, value]) => value),
  );

export const pseudonymisedFileHref = (id: string) => `/api${PSEUDONYMISED_EXPORTS}/${encodeURIComponent(id)}/file`;
