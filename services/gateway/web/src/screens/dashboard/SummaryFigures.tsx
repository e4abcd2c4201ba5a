import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../i18n';
import { fmtDecimal, fmtPercent } from '../insight-kit';
import { KpiFilters, KpiSummary, useKpi } from '../kpis';
import { inboxLink } from './inbox-link';
import { Unavailable } from './KpiCard';

/** The period's headline figures; the open alerts link to the inbox on the same alerts. */
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
