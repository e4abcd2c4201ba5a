import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../i18n';
import { fmtPercent, fmtShortMonth, PALETTE } from '../insight-kit';
import { KpiFilters, CoachingCoverage } from '../kpis';
import { asPercent, MonthlyChartCard } from './MonthlyChartCard';

type Month = CoachingCoverage['months'][number];

/** The share of active participants coached, month by month. */
export function CoverageCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  return (
    <MonthlyChartCard<Month>
      id="coverage"
      path="coaching-coverage"
      filters={filters}
      title={t('dashboard.coverage')}
      hasData={(m) => m.activeParticipants > 0}
      summary={(last) =>
        t('dashboard.coverageSummary', {
          month: fmtShortMonth(last.month),
          coached: fmtNumber(last.coached),
          active: fmtNumber(last.activeParticipants),
          coverage: fmtPercent(last.coverage),
        })
      }
      series={[
        {
          label: t('dashboard.coverage'),
          value: (m) => asPercent(m.coverage),
          style: { borderColor: PALETTE[2], backgroundColor: 'rgba(21, 128, 61, 0.15)', fill: true },
        },
      ]}
      options={{
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: '%' } } },
      }}
      columns={[
        { header: t('dashboard.activeParticipants'), cell: (m) => fmtNumber(m.activeParticipants), numeric: true },
        { header: t('dashboard.coached'), cell: (m) => fmtNumber(m.coached), numeric: true },
        { header: t('dashboard.coverage'), cell: (m) => fmtPercent(m.coverage), numeric: true },
      ]}
    />
  );
}
