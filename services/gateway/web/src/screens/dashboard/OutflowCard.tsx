import { useTranslation } from 'react-i18next';
import { Bar } from 'react-chartjs-2';
import { fmtNumber } from '../../i18n';
import { DataTable, PALETTE } from '../insight-kit';
import { KpiFilters, OutflowByDestination, useKpi } from '../kpis';
import { KpiChartCard } from './KpiCard';

/** The trajectories ended in the period by destination, positive outflow in green. */
export function OutflowCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<OutflowByDestination>('outflow-by-destination', filters);
  const rows = [...(query.data?.destinations ?? [])].sort((a, b) => b.count - a.count);
  const title = t('dashboard.outflow');
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const positive = rows.filter((r) => r.positive).reduce((sum, r) => sum + r.count, 0);
  const name = (code: string) => t(`dashboard.destinations.${code}`, { defaultValue: code });
  return (
    <KpiChartCard
      id="outflow"
      title={title}
      query={query}
      empty={total === 0}
      summary={t('dashboard.outflowSummary', { total: fmtNumber(total), positive: fmtNumber(positive) })}
      chart={
        <Bar
          data={{
            labels: rows.map((r) => name(r.destination)),
            datasets: [
              {
                label: t('dashboard.exits'),
                data: rows.map((r) => r.count),
                backgroundColor: rows.map((r) => (r.positive ? PALETTE[2] : '#6b7280')),
              },
            ],
          }}
          options={{
            indexAxis: 'y',
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
          }}
        />
      }
      table={
        <DataTable
          caption={title}
          rowKey={(r) => r.destination}
          rows={rows}
          columns={[
            { header: t('dashboard.destination'), cell: (r) => name(r.destination) },
            { header: t('dashboard.positive'), cell: (r) => (r.positive ? t('dashboard.yes') : t('dashboard.no')) },
            { header: t('dashboard.exits'), cell: (r) => fmtNumber(r.count), numeric: true },
          ]}
        />
      }
    >
      <p className="hint">{t('dashboard.outflowLegend')}</p>
    </KpiChartCard>
  );
}
