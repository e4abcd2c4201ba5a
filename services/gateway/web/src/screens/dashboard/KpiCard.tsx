import { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ProblemMessage } from '../../ProblemMessage';
import { ChartWithTable } from '../insight-kit';

/** 404 means the KPI endpoints are not deployed yet: say so plainly instead of showing a raw problem. */
export function Unavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && [404, 501, 502, 503].includes(error.problem.status))
    return <p className="notice">{t('app.unavailable')}</p>;
  return <ProblemMessage error={error} />;
}

/** One KPI's card: its title, then loading, unavailable, no data, or the figures. */
export function KpiCard({
  id,
  title,
  error,
  loading,
  empty,
  children,
}: {
  id: string;
  title: string;
  error: unknown;
  loading: boolean;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={`kpi-${id}`}>
      <h3 id={`kpi-${id}`}>{title}</h3>
      {loading && <p>{t('app.loading')}</p>}
      <Unavailable error={error} />
      {!loading && !error && empty && <p>{t('dashboard.noData')}</p>}
      {!loading && !error && !empty && children}
    </section>
  );
}

/** A KPI card whose figures are a chart with its table (and, below them, anything the card adds). */
export function KpiChartCard({
  id,
  title,
  query,
  empty,
  summary,
  chart,
  table,
  children,
}: {
  id: string;
  title: string;
  query: { error: unknown; isLoading: boolean };
  empty: boolean;
  summary: string;
  chart: ReactElement;
  table: ReactNode;
  children?: ReactNode;
}) {
  return (
    <KpiCard id={id} title={title} error={query.error} loading={query.isLoading} empty={empty}>
      <ChartWithTable title={title} summary={summary} chart={chart} table={table} />
      {children}
    </KpiCard>
  );
}
