import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../i18n';
import { useRegionName } from '../../lib/regions';
import { ProblemMessage } from '../../ProblemMessage';
import { DataTable, fmtDecimal, fmtPercent, queryString, useOrganisationDirectory } from '../insight-kit';
import { KpiFilters, OrganisationFigures, useKpi } from '../kpis';

/** Region → organisations: the KPI table when there is one, else the directory so drill-down still works. */
export function OrganisationsTable({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const figures = useKpi<{ organisations: OrganisationFigures[] }>('organisations', filters);
  const directory = useOrganisationDirectory();
  const regionName = useRegionName();
  const link = (id: string, name: string) => (
    <Link to={`/manager/organisations/${encodeURIComponent(id)}${queryString({ from: filters.from, to: filters.to })}`}>
      {name}
    </Link>
  );
  const caption = t('drill.organisations');
  return (
    <section aria-labelledby="kpi-organisations">
      <h2 id="kpi-organisations">{caption}</h2>
      {figures.data ? (
        <DataTable
          caption={caption}
          rowKey={(o) => o.organisationId}
          rows={figures.data.organisations}
          columns={[
            { header: t('drill.organisation'), cell: (o) => link(o.organisationId, o.name) },
            { header: t('dashboard.figures.active'), cell: (o) => fmtNumber(o.active ?? 0), numeric: true },
            {
              header: t('dashboard.figures.averageCountedHours'),
              cell: (o) => fmtDecimal(o.averageCountedHours),
              numeric: true,
            },
            {
              header: t('dashboard.figures.shareBelowTarget'),
              cell: (o) => fmtPercent(o.shareBelowTarget),
              numeric: true,
            },
            {
              header: t('dashboard.figures.positiveOutflowRate'),
              cell: (o) => fmtPercent(o.positiveOutflowRate),
              numeric: true,
            },
            {
              header: t('dashboard.figures.coachingCoverage'),
              cell: (o) => fmtPercent(o.coachingCoverage),
              numeric: true,
            },
            { header: t('dashboard.figures.openAlerts'), cell: (o) => fmtNumber(o.openAlerts ?? 0), numeric: true },
          ]}
        />
      ) : (
        <>
          {figures.isError && <p className="hint">{t('drill.figuresUnavailable')}</p>}
          <ProblemMessage error={directory.error} />
          {directory.data && (
            <DataTable
              caption={caption}
              rowKey={(o) => o.id}
              rows={directory.data.filter((o) => o.kind === 'WIJK_WERK')}
              columns={[
                { header: t('drill.organisation'), cell: (o) => link(o.id, o.name) },
                { header: t('drill.region'), cell: (o) => regionName(o.regionId) },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
