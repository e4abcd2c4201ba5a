import { useQuery } from '@tanstack/react-query';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { fmtNumber } from '../i18n';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

type Point = { label: string; value: number };

/** Any KPI answer reduced to label/value pairs: arrays of rows, or objects of numbers. */
export function toPoints(data: unknown): Point[] {
  const rows = Array.isArray(data)
    ? data
    : data && typeof data === 'object'
      ? (Object.values(data).find(Array.isArray) ?? Object.entries(data).map(([label, value]) => ({ label, value })))
      : [];
  return (rows as Record<string, unknown>[]).flatMap((row) => {
    if (!row || typeof row !== 'object') return [];
    const label = Object.values(row).find((v) => typeof v === 'string');
    const value = Object.values(row).find((v) => typeof v === 'number');
    return typeof value === 'number' ? [{ label: String(label ?? ''), value }] : [];
  });
}

const KPIS = [
  ['distribution', 'hours-distribution'],
  ['trend', 'hours-trend'],
  ['outflow', 'outflow-by-destination'],
  ['funnel', 'referral-funnel'],
  ['coverage', 'coaching-coverage'],
] as const;

function KpiCard({ title, path }: { title: string; path: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['kpi', path], queryFn: () => api<unknown>(`/flow-through/kpis/${path}`) });
  const points = toPoints(query.data);
  const unavailable = query.error instanceof ApiError || (query.isSuccess && points.length === 0);
  return (
    <section className="card" aria-labelledby={`kpi-${path}`}>
      <h2 id={`kpi-${path}`}>{title}</h2>
      {query.isLoading && <p>{t('app.loading')}</p>}
      {unavailable && <p>{t('app.unavailable')}</p>}
      {points.length > 0 && (
        <>
          <div role="img" aria-label={title}>
            <Bar
              data={{
                labels: points.map((p) => p.label),
                datasets: [{ label: title, data: points.map((p) => p.value), backgroundColor: '#0b4f9c' }],
              }}
              options={{ plugins: { legend: { display: false } }, animation: false }}
            />
          </div>
          <details>
            <summary>{t('dashboard.table')}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.label')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.value')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {points.map((p, i) => (
                  <tr key={i}>
                    <td>{p.label}</td>
                    <td className="num">{fmtNumber(p.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

export function Dashboard() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <p>
        {t('dashboard.exports')}: <a href="/api/flow-through/kpis/export.csv">{t('dashboard.csv')}</a> ·{' '}
        <a href="/api/flow-through/kpis/export.xlsx">{t('dashboard.xlsx')}</a>
      </p>
      <div className="cards">
        {KPIS.map(([key, path]) => (
          <KpiCard key={path} title={t(`dashboard.${key}`)} path={path} />
        ))}
      </div>
    </>
  );
}
