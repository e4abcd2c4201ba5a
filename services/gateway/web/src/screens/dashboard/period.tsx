import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { currentMonth, shiftMonth } from '../../i18n';
import type { KpiFilters } from '../kpis';

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
