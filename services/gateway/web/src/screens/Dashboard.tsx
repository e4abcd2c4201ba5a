import { useTranslation } from 'react-i18next';
import type { Me } from '../App';
import { useRegionName } from '../lib/regions';
import { Exports } from './dashboard/Exports';
import { KpiCharts } from './dashboard/KpiCharts';
import { OrganisationsTable } from './dashboard/OrganisationsTable';
import { PeriodPicker, periodIsValid, usePeriod } from './dashboard/period';
import { SummaryFigures } from './dashboard/SummaryFigures';
import type { KpiFilters } from './kpis';

/** The manager's (or admin's) dashboard: a period, its figures, the KPI cards, the organisations and the exports. */
export function Dashboard({ me }: { me?: Me }) {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const regionName = useRegionName();
  const filters: KpiFilters = { ...period, regionId: me?.role === 'REGIONAL_MANAGER' ? me.regionId : null };
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      {me?.regionId && <p className="hint">{t('drill.regionScope', { region: regionName(me.regionId) })}</p>}
      <PeriodPicker filters={filters} onChange={setPeriod} />
      {periodIsValid(filters) && (
        <>
          <SummaryFigures filters={filters} />
          <KpiCharts filters={filters} />
          <OrganisationsTable filters={filters} />
          <Exports filters={filters} />
        </>
      )}
    </>
  );
}
