import { useTranslation } from 'react-i18next';
import { Line } from 'react-chartjs-2';
import { fmtNumber } from '../../i18n';
import { DataTable, fmtDecimal, fmtPercent, fmtShortMonth, PALETTE } from '../insight-kit';
import { KpiFilters, HoursTrend, useKpi } from '../kpis';
import { KpiChartCard } from './KpiCard';

/** The average counted hours and the share below target, month by month. */
export function TrendCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<HoursTrend>('hours-trend', filters);
  const months = query.data?.months ?? [];
  const title = t('dashboard.trend');
  const last = months.filter((m) => m.participantMonths > 0).at(-1) ?? months.at(-1);
  return (
    <KpiChartCard
      id="trend"
      title={title}
      query={query}
      empty={months.length === 0}
      summary={
        last
          ? t('dashboard.trendSummary', {
              month: fmtShortMonth(last.month),
              average: fmtDecimal(last.averageCountedHours),
              share: fmtPercent(last.shareBelowTarget),
            })
          : ''
      }
      chart={
        <Line
          data={{
            labels: months.map((m) => fmtShortMonth(m.month)),
            datasets: [
              {
                label: t('dashboard.averageHours'),
                data: months.map((m) => m.averageCountedHours),
                borderColor: PALETTE[0],
                backgroundColor: PALETTE[0],
                yAxisID: 'y',
              },
              {
                label: t('dashboard.shareBelowTarget'),
                data: months.map((m) => (m.shareBelowTarget === null ? null : m.shareBelowTarget * 100)),
                borderColor: PALETTE[1],
                backgroundColor: PALETTE[1],
                borderDash: [6, 4],
                yAxisID: 'y1',
              },
            ],
          }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { labels: { usePointStyle: true } } },
            scales: {
              y: { beginAtZero: true, title: { display: true, text: t('dashboard.hours') } },
              y1: {
                beginAtZero: true,
                max: 100,
                position: 'right',
                grid: { drawOnChartArea: false },
                title: { display: true, text: '%' },
              },
            },
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
            { header: t('dashboard.participantMonths'), cell: (m) => fmtNumber(m.participantMonths), numeric: true },
            { header: t('dashboard.averageHours'), cell: (m) => fmtDecimal(m.averageCountedHours), numeric: true },
            { header: t('dashboard.shareBelowTarget'), cell: (m) => fmtPercent(m.shareBelowTarget), numeric: true },
          ]}
        />
      }
    />
  );
}
