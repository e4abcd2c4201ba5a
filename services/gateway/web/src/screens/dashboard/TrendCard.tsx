import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../i18n';
import { fmtDecimal, fmtPercent, fmtShortMonth, PALETTE } from '../insight-kit';
import { KpiFilters, HoursTrend } from '../kpis';
import { asPercent, MonthlyChartCard } from './MonthlyChartCard';

type Month = HoursTrend['months'][number];

/** The average counted hours and the share below target, month by month. */
export function TrendCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  return (
    <MonthlyChartCard<Month>
      id="trend"
      path="hours-trend"
      filters={filters}
      title={t('dashboard.trend')}
      hasData={(m) => m.participantMonths > 0}
      summary={(last) =>
        t('dashboard.trendSummary', {
          month: fmtShortMonth(last.month),
          average: fmtDecimal(last.averageCountedHours),
          share: fmtPercent(last.shareBelowTarget),
        })
      }
      series={[
        {
          label: t('dashboard.averageHours'),
          value: (m) => m.averageCountedHours,
          style: { borderColor: PALETTE[0], backgroundColor: PALETTE[0], yAxisID: 'y' },
        },
        {
          label: t('dashboard.shareBelowTarget'),
          value: (m) => asPercent(m.shareBelowTarget),
          style: { borderColor: PALETTE[1], backgroundColor: PALETTE[1], borderDash: [6, 4], yAxisID: 'y1' },
        },
      ]}
      options={{
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
      columns={[
        { header: t('dashboard.participantMonths'), cell: (m) => fmtNumber(m.participantMonths), numeric: true },
        { header: t('dashboard.averageHours'), cell: (m) => fmtDecimal(m.averageCountedHours), numeric: true },
        { header: t('dashboard.shareBelowTarget'), cell: (m) => fmtPercent(m.shareBelowTarget), numeric: true },
      ]}
    />
  );
}
