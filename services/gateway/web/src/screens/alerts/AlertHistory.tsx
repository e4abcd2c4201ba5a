import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { fmtDate, locale } from '../../i18n';
import { useColleagueNames } from '../../lib/colleagues';
import { Failed, Loading } from '../../lib/ScreenState';

/** One step of an alert's history, as GET /alerts/{participantId}/{kind} returns it. */
interface AlertTransition {
  action: string;
  at: string;
  by: string;
  reason: string | null;
  until: string | null;
  resolution: string | null;
}

/** Who did what when with one alert, oldest first, in the user's words. */
export function AlertHistory({ base }: { base: string }) {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<{ id: string }>('/me') });
  const alert = useQuery({
    queryKey: ['alerts', 'detail', base],
    queryFn: () => api<{ history: AlertTransition[] }>(base),
  });
  // Who else changed it, by name (only colleagues in the manager's scope are named; others stay "een collega").
  const others = (alert.data?.history ?? [])
    .map((step) => step.by)
    .filter((by) => by !== 'system' && by !== me.data?.id);
  const colleagues = useColleagueNames(me.isSuccess ? others : []);
  if (alert.isPending || (others.length > 0 && colleagues.pending))
    return <Loading what={t('alerts.history').toLowerCase()} />;
  if (alert.isError) return <Failed error={alert.error} retry={() => void alert.refetch()} />;
  const who = (by: string) =>
    by === 'system'
      ? t('alerts.by.system')
      : by === me.data?.id
        ? t('alerts.by.you')
        : (colleagues.names.get(by) ?? t('alerts.by.colleague'));
  const line = (step: AlertTransition) => {
    const facts = { who: who(step.by), reason: step.reason ?? '', until: step.until ? fmtDate(step.until) : '' };
    if (step.action === 'RESOLVED' && step.resolution === 'CAUSE_CLEARED') return t('alerts.steps.CAUSE_CLEARED');
    if (step.action === 'RESOLVED' && !step.reason) return t('alerts.steps.RESOLVED_NO_REASON', facts);
    return t(`alerts.steps.${step.action}`, { ...facts, defaultValue: step.action });
  };
  return (
    <section aria-label={t('alerts.history')}>
      <h2 className="visually-hidden">{t('alerts.history')}</h2>
      <ol className="alert-history">
        {alert.data.history.map((step, i) => (
          <li key={i}>
            <time dateTime={step.at}>{fmtDateTime(step.at)}</time> — {line(step)}
          </li>
        ))}
      </ol>
    </section>
  );
}

const fmtDateTime = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(
    new Date(iso),
  );
