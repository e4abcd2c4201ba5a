import { useQuery } from '@tanstack/react-query';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { cloneElement, isValidElement, ReactElement, ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { locale } from '../i18n';
import { todayInBrussels } from '../lib/clock';

/** Shared pieces of the coach's and the manager's screens: charts with their tables, figures, names. */

ChartJS.register(BarElement, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip, Legend);

/** Colours with at least 3:1 contrast on white, told apart by more than hue alone (tables carry the figures). */
export const PALETTE = ['#0b4f9c', '#b45309', '#15803d', '#7c3aed', '#be123c'];

export const fmtPercent = (rate: number | null | undefined) =>
  rate === null || rate === undefined
    ? '–'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);

export const fmtDecimal = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n);

export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
}

/** A plain data table; a scrollable, focusable region so a narrow screen can still reach every column. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-label={t('dashboard.tableOf', { caption })} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <td key={column.header} className={column.numeric ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A chart with its text alternative: the canvas is one image named by the title and a summary, and
 * the same figures follow as a table (open by default so screen readers and keyboard users get them).
 */
export function ChartWithTable({
  title,
  summary,
  chart,
  table,
  tableOpen = false,
}: {
  title: string;
  summary: string;
  chart: ReactElement;
  table: ReactNode;
  tableOpen?: boolean;
}) {
  const { t } = useTranslation();
  const summaryId = useId();
  return (
    <figure className="chart">
      {/* Chart.js draws on a canvas with role="img": the title and the summary name and describe it. */}
      <div className="chart-canvas">
        {isValidElement(chart)
          ? cloneElement(chart as ReactElement<Record<string, unknown>>, {
              'aria-label': title,
              'aria-describedby': summaryId,
            })
          : chart}
      </div>
      <figcaption id={summaryId}>{summary}</figcaption>
      <details open={tableOpen}>
        <summary>{t('dashboard.table')}</summary>
        {table}
      </details>
    </figure>
  );
}

export interface OrganisationEntry {
  id: string;
  name: string;
  kind: string;
  regionId: string;
}

export function useOrganisationDirectory() {
  return useQuery({
    queryKey: ['organisations'],
    queryFn: () => api<OrganisationEntry[]>('/flow-through/organisations'),
    staleTime: 5 * 60_000,
  });
}

export function useOrganisationNameOf(): (id: string) => string {
  const organisations = useOrganisationDirectory();
  return (id) => organisations.data?.find((o) => o.id === id)?.name ?? id;
}

/** A query string from the set values only. */
export function queryString(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Today's Belgian date by the services' clock, YYYY-MM-DD. */
export const today = todayInBrussels;

/** "nov. 2026" for chart axes and table rows. */
export const fmtShortMonth = (month: string) =>
  new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'Europe/Brussels' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
