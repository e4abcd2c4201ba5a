import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../i18n';
import { DataTable } from '../insight-kit';
import { AlertFigures, KpiFilters, useKpi } from '../kpis';
import { inboxLink } from './inbox-link';
import { KpiCard } from './KpiCard';

/** The open alerts by kind and age, each count a link to the inbox on the same alerts. */
export function AlertsCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<AlertFigures>('alerts', filters);
  const kinds = query.data?.kinds ?? [];
  const title = t('dashboard.alertAges');
  return (
    <KpiCard id="alerts" title={title} error={query.error} loading={query.isLoading} empty={kinds.length === 0}>
      <DataTable
        caption={title}
        rowKey={(k) => k.kind}
        rows={kinds}
        columns={[
          { header: t('alerts.kind'), cell: (k) => t(`alerts.${k.kind}`, { defaultValue: k.kind }) },
          {
            header: t('dashboard.open'),
            // Each count opens the inbox on the same alerts: its total is the number shown here.
            cell: (k) => (
              <Link to={inboxLink({ kind: k.kind, organisationId: filters.organisationId })}>{fmtNumber(k.open)}</Link>
            ),
            numeric: true,
          },
          ...(['0-7', '8-30', '31+'] as const).map((age) => ({
            header: t('dashboard.days', { range: age }),
            cell: (k: AlertFigures['kinds'][number]) => fmtNumber(k.byAge?.[age] ?? 0),
            numeric: true,
          })),
        ]}
      />
    </KpiCard>
  );
}
