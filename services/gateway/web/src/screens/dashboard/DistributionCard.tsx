import { useTranslation } from 'react-i18next';
import { Bar } from 'react-chartjs-2';
import { fmtNumber } from '../../i18n';
import { DataTable, PALETTE } from '../insight-kit';
import { KpiFilters, HoursDistribution, useKpi } from '../kpis';
import { KpiChartCard } from './KpiCard';
import { markerPlugin } from '../chart-markers';

/** A dashed line before the bucket at the cap, labelled, so the 60-hour limit is visible on the chart. */
function capMarker(capIndex: number, label: string) {
  return markerPlugin('capMarker', (chart) => {
    if (capIndex < 0) return null;
    const x = chart.scales.x;
    const step = capIndex > 0 ? (x.getPixelForValue(capIndex) - x.getPixelForValue(capIndex - 1)) / 2 : 0;
    const at = x.getPixelForValue(capIndex) - step;
    const { top, bottom } = chart.chartArea;
    return { from: [at, top], to: [at, bottom], label, labelAt: [at - 4, top + 12], align: 'right' };
  });
}

/** The participant-months by counted hours, the bucket at the cap marked on the chart and in the table. */
export function DistributionCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<HoursDistribution>('hours-distribution', filters);
  const buckets = query.data?.buckets ?? [];
  const cap = query.data?.cap ?? 60;
  const capIndex = buckets.findIndex((b) => b.bucket === String(cap));
  const total = buckets.reduce((sum, b) => sum + b.participantMonths, 0);
  const atCap = capIndex >= 0 ? buckets[capIndex].participantMonths : 0;
  const title = t('dashboard.distribution', { cap });
  return (
    <KpiChartCard
      id="distribution"
      title={title}
      query={query}
      empty={total === 0}
      summary={t('dashboard.distributionSummary', { total: fmtNumber(total), atCap: fmtNumber(atCap), cap })}
      chart={
        <Bar
          data={{
            labels: buckets.map((b) => b.bucket),
            datasets: [
              {
                label: t('dashboard.participantMonths'),
                data: buckets.map((b) => b.participantMonths),
                backgroundColor: buckets.map((_, i) => (i === capIndex ? '#9b1c1c' : PALETTE[0])),
              },
            ],
          }}
          plugins={[capMarker(capIndex, t('dashboard.capMarker', { cap }))]}
          options={{
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: {
              x: { title: { display: true, text: t('dashboard.countedHours') } },
              y: {
                beginAtZero: true,
                ticks: { precision: 0 },
                title: { display: true, text: t('dashboard.participantMonths') },
              },
            },
          }}
        />
      }
      table={
        <DataTable
          caption={title}
          rowKey={(b) => b.bucket}
          rows={buckets}
          columns={[
            {
              header: t('dashboard.countedHours'),
              cell: (b) => (b.bucket === String(cap) ? `${b.bucket} (${t('dashboard.cap')})` : b.bucket),
            },
            { header: t('dashboard.participantMonths'), cell: (b) => fmtNumber(b.participantMonths), numeric: true },
          ]}
        />
      }
    />
  );
}
