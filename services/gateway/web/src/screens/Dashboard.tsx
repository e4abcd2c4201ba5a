import type { Plugin } from 'chart.js';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, post } from '../api';
import type { Me } from '../App';
import { currentMonth, fmtNumber, shiftMonth } from '../i18n';
import { useRegionName } from '../lib/regions';
import { ProblemMessage } from '../ProblemMessage';
import {
  ChartWithTable,
  DataTable,
  fmtDecimal,
  fmtPercent,
  fmtShortMonth,
  PALETTE,
  queryString,
  useOrganisationDirectory,
} from './insight-kit';
import {
  AlertFigures,
  CoachingCoverage,
  exportLinks,
  PSEUDONYMISED_EXPORTS,
  PseudonymisedExport,
  pseudonymisedExportRequest,
  pseudonymisedFileHref,
  HoursDistribution,
  HoursTrend,
  KpiFilters,
  KpiSummary,
  OrganisationFigures,
  OutflowByDestination,
  ReferralFunnel,
  useKpi,
} from './kpis';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The period of the URL (so drill-down links and reloads keep it), by default the last 12 months. */
export function usePeriod(): [KpiFilters, (from: string, to: string) => void] {
  const [params, setParams] = useSearchParams();
  const to = MONTH.test(params.get('to') ?? '') ? (params.get('to') as string) : currentMonth();
  const from = MONTH.test(params.get('from') ?? '') ? (params.get('from') as string) : shiftMonth(to, -11);
  return [
    { from, to },
    (nextFrom, nextTo) => {
      const next = new URLSearchParams(params);
      next.set('from', nextFrom);
      next.set('to', nextTo);
      setParams(next, { replace: true });
    },
  ];
}

/** A period the KPI endpoints accept; the screens ask for nothing else, so one message says what is wrong. */
export const periodIsValid = (filters: KpiFilters) => filters.from <= filters.to;

export function PeriodPicker({ filters, onChange }: { filters: KpiFilters; onChange: (f: string, t: string) => void }) {
  const { t } = useTranslation();
  const invalid = !periodIsValid(filters);
  return (
    <form className="row period" aria-label={t('dashboard.period')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('dashboard.from')}
        <input
          type="month"
          value={filters.from}
          max={filters.to}
          onChange={(e) => MONTH.test(e.target.value) && onChange(e.target.value, filters.to)}
        />
      </label>
      <label>
        {t('dashboard.to')}
        <input
          type="month"
          value={filters.to}
          min={filters.from}
          onChange={(e) => MONTH.test(e.target.value) && onChange(filters.from, e.target.value)}
        />
      </label>
      {invalid && <p className="problem">{t('dashboard.periodInvalid')}</p>}
    </form>
  );
}

/** 404 means the KPI endpoints are not deployed yet: say so plainly instead of showing a raw problem. */
function Unavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && [404, 501, 502, 503].includes(error.problem.status))
    return <p className="notice">{t('app.unavailable')}</p>;
  return <ProblemMessage error={error} />;
}

export function SummaryFigures({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const summary = useKpi<KpiSummary>('summary', filters);
  const s = summary.data;
  const figures: [string, string][] = s
    ? [
        ['referred', fmtNumber(s.referred)],
        ['started', fmtNumber(s.started)],
        ['active', fmtNumber(s.active)],
        ['ended', fmtNumber(s.ended)],
        ['positiveOutflowRate', fmtPercent(s.positiveOutflowRate)],
        ['inWorkNineMonthsRate', fmtPercent(s.inWorkNineMonthsRate)],
        ['averageCountedHours', fmtDecimal(s.averageCountedHours)],
        ['shareBelowTarget', fmtPercent(s.shareBelowTarget)],
        ['coachingCoverage', fmtPercent(s.coachingCoverage)],
        ['openAlerts', fmtNumber(s.openAlerts)],
      ]
    : [];
  return (
    <section aria-labelledby="kpi-summary">
      <h2 id="kpi-summary">{t('dashboard.summary')}</h2>
      {summary.isLoading && <p>{t('app.loading')}</p>}
      <Unavailable error={summary.error} />
      {s && (
        <dl className="figures">
          {figures.map(([key, value]) => (
            <div key={key}>
              <dt>{t(`dashboard.figures.${key}`)}</dt>
              <dd>
                {key === 'openAlerts' ? (
                  // The same alerts the inbox lists unless filtered: its total is this number.
                  <Link to={inboxLink({ organisationId: filters.organisationId })} title={t('alerts.openInInbox')}>
                    {value}
                  </Link>
                ) : (
                  value
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function KpiCard({
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
  children: React.ReactNode;
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

/** A dashed line before the bucket at the cap, labelled, so the 60-hour limit is visible on the chart. */
function capMarker(capIndex: number, label: string): Plugin<'bar'> {
  return {
    id: 'capMarker',
    afterDatasetsDraw(chart) {
      if (capIndex < 0) return;
      const x = chart.scales.x;
      const step = capIndex > 0 ? (x.getPixelForValue(capIndex) - x.getPixelForValue(capIndex - 1)) / 2 : 0;
      const at = x.getPixelForValue(capIndex) - step;
      const { top, bottom } = chart.chartArea;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = '#9b1c1c';
      context.setLineDash([6, 4]);
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(at, top);
      context.lineTo(at, bottom);
      context.stroke();
      context.fillStyle = '#9b1c1c';
      context.font = '12px system-ui, sans-serif';
      context.textAlign = 'right';
      context.fillText(label, at - 4, top + 12);
      context.restore();
    },
  };
}

function DistributionCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<HoursDistribution>('hours-distribution', filters);
  const buckets = query.data?.buckets ?? [];
  const cap = query.data?.cap ?? 60;
  const capIndex = buckets.findIndex((b) => b.bucket === String(cap));
  const total = buckets.reduce((sum, b) => sum + b.participantMonths, 0);
  const atCap = capIndex >= 0 ? buckets[capIndex].participantMonths : 0;
  const title = t('dashboard.distribution', { cap });
  return (
    <KpiCard id="distribution" title={title} error={query.error} loading={query.isLoading} empty={total === 0}>
      <ChartWithTable
        title={title}
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
    </KpiCard>
  );
}

function TrendCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<HoursTrend>('hours-trend', filters);
  const months = query.data?.months ?? [];
  const title = t('dashboard.trend');
  const last = months.filter((m) => m.participantMonths > 0).at(-1) ?? months.at(-1);
  return (
    <KpiCard id="trend" title={title} error={query.error} loading={query.isLoading} empty={months.length === 0}>
      <ChartWithTable
        title={title}
        summary={
          last
            ? t('dashboard.trendSummary', {
                month: fmtShortMonth(last.month),
                average: fmtDecimal(last.averageCountedHours),
                share: fmtPercent(last.shareBelowTarget),
              })
            : ''
        }
        chart={
          <Line
            data={{
              labels: months.map((m) => fmtShortMonth(m.month)),
              datasets: [
                {
                  label: t('dashboard.averageHours'),
                  data: months.map((m) => m.averageCountedHours),
                  borderColor: PALETTE[0],
                  backgroundColor: PALETTE[0],
                  yAxisID: 'y',
                },
                {
                  label: t('dashboard.shareBelowTarget'),
                  data: months.map((m) => (m.shareBelowTarget === null ? null : m.shareBelowTarget * 100)),
                  borderColor: PALETTE[1],
                  backgroundColor: PALETTE[1],
                  borderDash: [6, 4],
                  yAxisID: 'y1',
                },
              ],
            }}
            options={{
              animation: false,
              maintainAspectRatio: false,
              plugins: { legend: { labels: { usePointStyle: true } } },
              scales: {
                y: { beginAtZero: true, title: { display: true, text: t('dashboard.hours') } },
                y1: {
                  beginAtZero: true,
                  max: 100,
                  position: 'right',
                  grid: { drawOnChartArea: false },
                  title: { display: true, text: '%' },
                },
              },
            }}
          />
        }
        table={
          <DataTable
            caption={title}
            rowKey={(m) => m.month}
            rows={months}
            columns={[
              { header: t('dashboard.month'), cell: (m) => fmtShortMonth(m.month) },
              { header: t('dashboard.participantMonths'), cell: (m) => fmtNumber(m.participantMonths), numeric: true },
              { header: t('dashboard.averageHours'), cell: (m) => fmtDecimal(m.averageCountedHours), numeric: true },
              { header: t('dashboard.shareBelowTarget'), cell: (m) => fmtPercent(m.shareBelowTarget), numeric: true },
            ]}
          />
        }
      />
    </KpiCard>
  );
}

function OutflowCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<OutflowByDestination>('outflow-by-destination', filters);
  const rows = [...(query.data?.destinations ?? [])].sort((a, b) => b.count - a.count);
  const title = t('dashboard.outflow');
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const positive = rows.filter((r) => r.positive).reduce((sum, r) => sum + r.count, 0);
  const name = (code: string) => t(`dashboard.destinations.${code}`, { defaultValue: code });
  return (
    <KpiCard id="outflow" title={title} error={query.error} loading={query.isLoading} empty={total === 0}>
      <ChartWithTable
        title={title}
        summary={t('dashboard.outflowSummary', { total: fmtNumber(total), positive: fmtNumber(positive) })}
        chart={
          <Bar
            data={{
              labels: rows.map((r) => name(r.destination)),
              datasets: [
                {
                  label: t('dashboard.exits'),
                  data: rows.map((r) => r.count),
                  backgroundColor: rows.map((r) => (r.positive ? PALETTE[2] : '#6b7280')),
                },
              ],
            }}
            options={{
              indexAxis: 'y',
              animation: false,
              maintainAspectRatio: false,
              plugins: { legend: { display: false } },
              scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
            }}
          />
        }
        table={
          <DataTable
            caption={title}
            rowKey={(r) => r.destination}
            rows={rows}
            columns={[
              { header: t('dashboard.destination'), cell: (r) => name(r.destination) },
              { header: t('dashboard.positive'), cell: (r) => (r.positive ? t('dashboard.yes') : t('dashboard.no')) },
              { header: t('dashboard.exits'), cell: (r) => fmtNumber(r.count), numeric: true },
            ]}
          />
        }
      />
      <p className="hint">{t('dashboard.outflowLegend')}</p>
    </KpiCard>
  );
}

function FunnelCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<ReferralFunnel>('referral-funnel', filters);
  const stages = query.data?.stages ?? [];
  const dropOffs = query.data?.dropOffs ?? [];
  const title = t('dashboard.funnel');
  const referred = stages[0]?.count ?? 0;
  const stageName = (stage: string) => t(`dashboard.stages.${stage}`, { defaultValue: stage });
  return (
    <KpiCard id="funnel" title={title} error={query.error} loading={query.isLoading} empty={referred === 0}>
      <ChartWithTable
        title={title}
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
    </KpiCard>
  );
}

function CoverageCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const query = useKpi<CoachingCoverage>('coaching-coverage', filters);
  const months = query.data?.months ?? [];
  const title = t('dashboard.coverage');
  const last = months.filter((m) => m.activeParticipants > 0).at(-1) ?? months.at(-1);
  return (
    <KpiCard id="coverage" title={title} error={query.error} loading={query.isLoading} empty={months.length === 0}>
      <ChartWithTable
        title={title}
        summary={
          last
            ? t('dashboard.coverageSummary', {
                month: fmtShortMonth(last.month),
                coached: fmtNumber(last.coached),
                active: fmtNumber(last.activeParticipants),
                coverage: fmtPercent(last.coverage),
              })
            : ''
        }
        chart={
          <Line
            data={{
              labels: months.map((m) => fmtShortMonth(m.month)),
              datasets: [
                {
                  label: t('dashboard.coverage'),
                  data: months.map((m) => (m.coverage === null ? null : m.coverage * 100)),
                  borderColor: PALETTE[2],
                  backgroundColor: 'rgba(21, 128, 61, 0.15)',
                  fill: true,
                },
              ],
            }}
            options={{
              animation: false,
              maintainAspectRatio: false,
              plugins: { legend: { display: false } },
              scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: '%' } } },
            }}
          />
        }
        table={
          <DataTable
            caption={title}
            rowKey={(m) => m.month}
            rows={months}
            columns={[
              { header: t('dashboard.month'), cell: (m) => fmtShortMonth(m.month) },
              {
                header: t('dashboard.activeParticipants'),
                cell: (m) => fmtNumber(m.activeParticipants),
                numeric: true,
              },
              { header: t('dashboard.coached'), cell: (m) => fmtNumber(m.coached), numeric: true },
              { header: t('dashboard.coverage'), cell: (m) => fmtPercent(m.coverage), numeric: true },
            ]}
          />
        }
      />
    </KpiCard>
  );
}

/** The manager's inbox on the alerts a dashboard figure counts (every unresolved one, as the figure). */
function inboxLink(filters: { kind?: string; organisationId?: string | null }): string {
  return `/manager/alerts${queryString({ kind: filters.kind, organisationId: filters.organisationId })}`;
}

function AlertsCard({ filters }: { filters: KpiFilters }) {
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

export function KpiCharts({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="kpi-charts">
      <h2 id="kpi-charts">{t('dashboard.charts')}</h2>
      <div className="cards kpi-cards">
        <DistributionCard filters={filters} />
        <TrendCard filters={filters} />
        <OutflowCard filters={filters} />
        <FunnelCard filters={filters} />
        <CoverageCard filters={filters} />
        <AlertsCard filters={filters} />
      </div>
    </section>
  );
}

/** Starts the pseudonymised export, shows how far it got, and offers the file when it is written. */
function PseudonymisedExportButton({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => post<PseudonymisedExport>(PSEUDONYMISED_EXPORTS, pseudonymisedExportRequest(filters)),
    onSuccess: (job) => setJobId(job.id),
  });
  const followed = useQuery({
    queryKey: ['pseudonymised-export', jobId],
    queryFn: () => api<PseudonymisedExport>(`${PSEUDONYMISED_EXPORTS}/${encodeURIComponent(jobId!)}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? EXPORT_POLL_MS : false),
  });
  const job = followed.data ?? start.data;
  const running = start.isPending || job?.status === 'RUNNING';
  return (
    <div className="pseudonymised-export">
      <button type="button" onClick={() => start.mutate()} disabled={running}>
        {t('dashboard.pseudonymised.start')}
      </button>
      {job?.status === 'RUNNING' && (
        <p role="status">
          <progress max={Math.max(job.progress.total, 1)} value={job.progress.done} />{' '}
          {t('dashboard.pseudonymised.running', {
            done: fmtNumber(job.progress.done),
            total: fmtNumber(job.progress.total),
          })}
        </p>
      )}
      {job?.status === 'DONE' && (
        <p role="status">
          <a href={pseudonymisedFileHref(job.id)} download={job.filename}>
            {t('dashboard.pseudonymised.download', { rows: fmtNumber(job.progress.rows) })}
          </a>
        </p>
      )}
      {job?.status === 'FAILED' && <p role="alert">{t('dashboard.pseudonymised.failed')}</p>}
      <ProblemMessage error={start.error ?? followed.error} />
    </div>
  );
}

const EXPORT_POLL_MS = 500;

export function Exports({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="kpi-exports">
      <h2 id="kpi-exports">{t('dashboard.exports')}</h2>
      <ul className="exports">
        {exportLinks(filters).map((link) => (
          <li key={link.file}>
            <a href={link.href} download>
              {t(`dashboard.export.${link.file}`)}
            </a>
          </li>
        ))}
        <li>
          {/* A new period or scope starts afresh: the file of another period is not offered. */}
          <PseudonymisedExportButton key={JSON.stringify(pseudonymisedExportRequest(filters))} filters={filters} />
        </li>
      </ul>
    </section>
  );
}

/** Region → organisations: the KPI table when there is one, else the directory so drill-down still works. */
function OrganisationsTable({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const figures = useKpi<{ organisations: OrganisationFigures[] }>('organisations', filters);
  const directory = useOrganisationDirectory();
  const regionName = useRegionName();
  const link = (id: string, name: string) => (
    <Link to={`/manager/organisations/${encodeURIComponent(id)}${queryString({ from: filters.from, to: filters.to })}`}>
      {name}
    </Link>
  );
  const caption = t('drill.organisations');
  return (
    <section aria-labelledby="kpi-organisations">
      <h2 id="kpi-organisations">{caption}</h2>
      {figures.data ? (
        <DataTable
          caption={caption}
          rowKey={(o) => o.organisationId}
          rows={figures.data.organisations}
          columns={[
            { header: t('drill.organisation'), cell: (o) => link(o.organisationId, o.name) },
            { header: t('dashboard.figures.active'), cell: (o) => fmtNumber(o.active ?? 0), numeric: true },
            {
              header: t('dashboard.figures.averageCountedHours'),
              cell: (o) => fmtDecimal(o.averageCountedHours),
              numeric: true,
            },
            {
              header: t('dashboard.figures.shareBelowTarget'),
              cell: (o) => fmtPercent(o.shareBelowTarget),
              numeric: true,
            },
            {
              header: t('dashboard.figures.positiveOutflowRate'),
              cell: (o) => fmtPercent(o.positiveOutflowRate),
              numeric: true,
            },
            {
              header: t('dashboard.figures.coachingCoverage'),
              cell: (o) => fmtPercent(o.coachingCoverage),
              numeric: true,
            },
            { header: t('dashboard.figures.openAlerts'), cell: (o) => fmtNumber(o.openAlerts ?? 0), numeric: true },
          ]}
        />
      ) : (
        <>
          {figures.isError && <p className="hint">{t('drill.figuresUnavailable')}</p>}
          <ProblemMessage error={directory.error} />
          {directory.data && (
            <DataTable
              caption={caption}
              rowKey={(o) => o.id}
              rows={directory.data.filter((o) => o.kind === 'WIJK_WERK')}
              columns={[
                { header: t('drill.organisation'), cell: (o) => link(o.id, o.name) },
                { header: t('drill.region'), cell: (o) => regionName(o.regionId) },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}

export function Dashboard({ me }: { me?: Me }) {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const regionName = useRegionName();
  const filters: KpiFilters = { ...period, regionId: me?.role === 'REGIONAL_MANAGER' ? me.regionId : null };
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      {me?.regionId && <p className="hint">{t('drill.regionScope', { region: regionName(me.regionId) })}</p>}
      <PeriodPicker filters={filters} onChange={setPeriod} />
      {periodIsValid(filters) && (
        <>
          <SummaryFigures filters={filters} />
          <KpiCharts filters={filters} />
          <OrganisationsTable filters={filters} />
          <Exports filters={filters} />
        </>
      )}
    </>
  );
}
