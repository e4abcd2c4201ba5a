import type { ChartDataset, ChartOptions } from 'chart.js';
import { useTranslation } from 'react-i18next';
import { Line } from 'react-chartjs-2';
import { DataTable, fmtShortMonth, TableColumn } from '../insight-kit';
import { KpiFilters, KpiPath, useKpi } from '../kpis';
import { KpiChartCard } from './KpiCard';

/** One line of a monthly chart: its legend label, its value for a month and how it is drawn. */
export interface MonthlySeries<M> {
  label: string;
  value: (month: M) => number | null;
  style: Omit<ChartDataset<'line'>, 'label' | 'data'>;
}

/** A rate (0..1) as a percentage for a chart axis that runs to 100; no figure stays a gap. */
export const asPercent = (rate: number | null) => (rate === null ? null : rate * 100);

/**
 * A KPI card of figures month by month: a line chart with, as its text alternative, a summary of
 * the last month that has data and a table whose first column is the month.
 */
export function MonthlyChartCard<M extends { month: string }>({
  id,
  path,
  filters,
  title,
  hasData,
  summary,
  series,
  options,
  columns,
}: {
  id: string;
  path: KpiPath;
  filters: KpiFilters;
  title: string;
  /** Whether a month has figures: the summary tells the last such month (else the last month). */
  hasData: (month: M) => boolean;
  summary: (last: M) => string;
  series: MonthlySeries<M>[];
  options: Pick<ChartOptions<'line'>, 'plugins' | 'scales'>;
  /** The table's columns after the month. */
  columns: TableColumn<M>[];
}) {
  const { t } = useTranslation();
  const query = useKpi<{ months: M[] }>(path, filters);
  const months = query.data?.months ?? [];
  const last = months.filter(hasData).at(-1) ?? months.at(-1);
  return (
    <KpiChartCard
      id={id}
      title={title}
      query={query}
      empty={months.length === 0}
      summary={last ? summary(last) : ''}
      chart={
        <Line
          data={{
            labels: months.map((m) => fmtShortMonth(m.month)),
            datasets: series.map((s) => ({ ...s.style, label: s.label, data: months.map(s.value) })),
          }}
          options={{ animation: false, maintainAspectRatio: false, ...options }}
        />
      }
      table={
        <DataTable
          caption={title}
          rowKey={(m) => m.month}
          rows={months}
          columns={[{ header: t('dashboard.month'), cell: (m) => fmtShortMonth(m.month) }, ...columns]}
        />
      }
    />
  );
}
