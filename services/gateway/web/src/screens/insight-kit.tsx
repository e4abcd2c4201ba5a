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
import { locale } from '../i18n';
import { todayInBrussels } from '../lib/clock';

/** Shared pieces of the coach's and the manager's screens: charts with their tables, figures, names. */

// Tables and the organisation directory live apart (no chart library in the screens that only need those).
export { DataTable, type TableColumn } from '../lib/DataTable';
export { queryString, useOrganisationDirectory, useOrganisationNameOf, type OrganisationEntry } from '../lib/directory';

ChartJS.register(BarElement, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip, Legend);

/** Colours with at least 3:1 contrast on white, told apart by more than hue alone (tables carry the figures). */
export const PALETTE = ['#0b4f9c', '#b45309', '#15803d', '#7c3aed', '#be123c'];

export const fmtPercent = (rate: number | null | undefined) =>
  rate === null || rate === undefined
    ? '–'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);

export const fmtDecimal = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n);

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

/** Today's Belgian date by the services' clock, YYYY-MM-DD. */
export const today = todayInBrussels;

/** "nov. 2026" for chart axes and table rows. */
export const fmtShortMonth = (month: string) =>
  new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'Europe/Brussels' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
