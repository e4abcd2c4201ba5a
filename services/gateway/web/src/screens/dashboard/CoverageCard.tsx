import { useTranslation } from 'react-i18next';
import { Line } from 'react-chartjs-2';
import { fmtNumber } from '../../i18n';
import { DataTable, fmtPercent, fmtShortMonth, PALETTE } from '../insight-kit';
import { KpiFilters, CoachingCoverage, useKpi } from '../kpis';
import { KpiChartCard } from './KpiCard';

/** The share of active participants coached, month by month. */
export function CoverageCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<CoachingCoverage>('coaching-coverage', filters);
  const months = query.data?.months ?? [];
  const title = t('dashboard.coverage');
  const last = months.filter((m) => m.activeParticipants > 0).at(-1) ?? months.at(-1);
  return (
    <KpiChartCard
      id="coverage"
      title={title}
      query={query}
      empty={months.length === 0}
      summary={
        last
          ? t('dashboard.coverageSummary', {
              month: fmtShortMonth(last.month),
              coached: fmtNumber(last.coached),
              active: fmtNumber(last.activeParticipants),
              coverage: fmtPercent(last.coverage),
            })
          : ''
      }
      chart={
        <Line
          data={{
            labels: months.map((m) => fmtShortMonth(m.month)),
            datasets: [
              {
                label: t('dashboard.coverage'),
                data: months.map((m) => (m.coverage === null ? null : m.coverage * 100)),
                borderColor: PALETTE[2],
                backgroundColor: 'rgba(21, 128, 61, 0.15)',
                fill: true,
              },
            ],
          }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: '%' } } },
          }}
        />
      }
      table={
        <DataTable
          caption={title}
          rowKey={(m) => m.month}
          rows={months}
          columns={[
            { header: t('dashboard.month'), cell: (m) => fmtShortMonth(m.month) },
            {
              header: t('dashboard.activeParticipants'),
              cell: (m) => fmtNumber(m.activeParticipants),
              numeric: true,
            },
            { header: t('dashboard.coached'), cell: (m) => fmtNumber(m.coached), numeric: true },
            { header: t('dashboard.coverage'), cell: (m) => fmtPercent(m.coverage), numeric: true },
          ]}
        />
      }
    />
  );
}
