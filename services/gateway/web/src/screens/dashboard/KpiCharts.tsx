import { useTranslation } from 'react-i18next';
import type { KpiFilters } from '../kpis';
import { AlertsCard } from './AlertsCard';
import { CoverageCard } from './CoverageCard';
import { DistributionCard } from './DistributionCard';
import { FunnelCard } from './FunnelCard';
import { OutflowCard } from './OutflowCard';
import { TrendCard } from './TrendCard';

/** The KPI cards of a period and scope, as the dashboard and the organisation drill-down show them. */
export function KpiCharts({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="kpi-charts">
      <h2 id="kpi-charts">{t('dashboard.charts')}</h2>
      <div className="cards kpi-cards">
        <DistributionCard filters={filters} />
        <TrendCard filters={filters} />
        <OutflowCard filters={filters} />
        <FunnelCard filters={filters} />
        <CoverageCard filters={filters} />
        <AlertsCard filters={filters} />
      </div>
    </section>
  );
}
