import { useTranslation } from 'react-i18next';
import { Bar } from 'react-chartjs-2';
import { fmtNumber } from '../../i18n';
import { DataTable, fmtPercent, PALETTE } from '../insight-kit';
import { KpiFilters, ReferralFunnel, useKpi } from '../kpis';
import { KpiChartCard } from './KpiCard';

/** Referred, intake, started: how many reached each stage, and why the others dropped off. */
export function FunnelCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<ReferralFunnel>('referral-funnel', filters);
  const stages = query.data?.stages ?? [];
  const dropOffs = query.data?.dropOffs ?? [];
  const title = t('dashboard.funnel');
  const referred = stages[0]?.count ?? 0;
  const stageName = (stage: string) => t(`dashboard.stages.${stage}`, { defaultValue: stage });
  return (
    <KpiChartCard
      id="funnel"
      title={title}
      query={query}
      empty={referred === 0}
      summary={stages.map((s) => `${stageName(s.stage)}: ${fmtNumber(s.count)}`).join(' → ')}
      chart={
        <Bar
          data={{
            labels: stages.map((s) => stageName(s.stage)),
            datasets: [
              { label: t('dashboard.participants'), data: stages.map((s) => s.count), backgroundColor: PALETTE[0] },
            ],
          }}
          options={{
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          }}
        />
      }
      table={
        <>
          <DataTable
            caption={title}
            rowKey={(s) => s.stage}
            rows={stages}
            columns={[
              { header: t('dashboard.stage'), cell: (s) => stageName(s.stage) },
              { header: t('dashboard.participants'), cell: (s) => fmtNumber(s.count), numeric: true },
              {
                header: t('dashboard.ofReferred'),
                cell: (s) => fmtPercent(referred ? s.count / referred : null),
                numeric: true,
              },
            ]}
          />
          {dropOffs.length > 0 && (
            <DataTable
              caption={t('dashboard.dropOffs')}
              rowKey={(d) => `${d.stage}-${d.reasonCode}`}
              rows={dropOffs}
              columns={[
                { header: t('dashboard.dropOffStage'), cell: (d) => stageName(d.stage) },
                {
                  header: t('dashboard.reason'),
                  cell: (d) => t(`dashboard.dropOffReasons.${d.reasonCode}`, { defaultValue: d.reasonCode }),
                },
                { header: t('dashboard.participants'), cell: (d) => fmtNumber(d.count), numeric: true },
              ]}
            />
          )}
        </>
      }
    />
  );
}
