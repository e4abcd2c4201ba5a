import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { markerPlugin } from '../chart-markers';
import { Assessment, ASSESSOR_KINDS, Catalogue, useCompetencyName } from '../coach-kit';
import { ChartWithTable, DataTable, PALETTE } from '../insight-kit';
import { latestByKind } from './assessments';

/** A dashed line across the chart at the target level, labelled. */
function targetLine(target: number, label: string) {
  return markerPlugin('targetLine', (chart) => {
    const y = chart.scales.y.getPixelForValue(target);
    const { left, right } = chart.chartArea;
    return { from: [left, y], to: [right, y], label, labelAt: [left + 4, y - 4], align: 'left' };
  });
}

/** The latest level per competency and assessor kind against the target, as bars with their table. */
export function Profile({ assessments, catalogue }: { assessments: Assessment[]; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const nameOf = useCompetencyName(catalogue);
  const latest = latestByKind(assessments);
  const kinds = ASSESSOR_KINDS.filter((kind) => latest.has(kind));
  const codes = catalogue.competencies.map((c) => c.code).filter((code) => kinds.some((k) => latest.get(k)?.has(code)));
  const target = catalogue.targetLevel;
  const title = t('coach.profile');
  if (codes.length === 0) return <p>{t('coach.noAssessments')}</p>;
  const below = codes.filter((code) => kinds.some((k) => (latest.get(k)?.get(code) ?? target) < target));
  return (
    <ChartWithTable
      title={title}
      summary={t('coach.profileSummary', {
        count: codes.length,
        below: below.length,
        target,
        names: below.map(nameOf).join(', ') || '–',
      })}
      chart={
        <Bar
          data={{
            labels: codes.map(nameOf),
            datasets: kinds.map((kind, i) => ({
              label: t(`coach.kinds.${kind}`),
              data: codes.map((code) => latest.get(kind)?.get(code) ?? null),
              backgroundColor: PALETTE[i % PALETTE.length],
            })),
          }}
          plugins={[targetLine(target, t('coach.targetMarker', { target }))]}
          options={{
            animation: false,
            maintainAspectRatio: false,
            scales: { y: { min: 0, max: 4, ticks: { stepSize: 1 } } },
          }}
        />
      }
      table={
        <DataTable
          caption={title}
          rowKey={(code) => code}
          rows={codes}
          columns={[
            { header: t('coach.competency'), cell: (code) => nameOf(code) },
            ...kinds.map((kind) => ({
              header: t(`coach.kinds.${kind}`),
              cell: (code: string) => latest.get(kind)?.get(code) ?? '–',
              numeric: true,
            })),
            { header: t('coach.target'), cell: () => target, numeric: true },
          ]}
        />
      }
    />
  );
}
