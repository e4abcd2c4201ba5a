import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, post } from '../api';
import { fmtDate } from '../i18n';
import { ProblemMessage } from '../ProblemMessage';

interface AlertView {
  id: string;
  participantId: string;
  organisationId: string;
  kind: string;
  severity?: string;
  status: string;
  raisedAt: string;
  facts: Record<string, string | number | boolean | null>;
}

/** The change types flow-through's alert stream sends as SSE event names. */
const STREAM_EVENTS = ['RAISED', 'UPDATED', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED'];

export function Alerts() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const alerts = useQuery({
    queryKey: ['alerts'],
    queryFn: () => api<{ items: AlertView[]; total: number }>('/flow-through/alerts?limit=100'),
  });
  // The live stream: any new or changed alert refreshes the inbox, without reloading the page.
  useEffect(() => {
    const source = new EventSource('/api/flow-through/alerts/stream', { withCredentials: true });
    const refresh = () => void client.invalidateQueries({ queryKey: ['alerts'] });
    // The stream names each event by its change type, so `onmessage` alone would hear none of them.
    for (const type of STREAM_EVENTS) source.addEventListener(type, refresh);
    source.onmessage = refresh;
    return () => source.close();
  }, [client]);
  // Names come from the participants in scope; an alert for someone not (yet) listed shows the id.
  const names = useQuery({
    queryKey: ['alerts', 'names'],
    queryFn: () =>
      api<{ items: { id: string; firstName: string; lastName: string }[] }>('/flow-through/participants?limit=200'),
    select: (page) => new Map(page.items.map((p) => [p.id, `${p.firstName} ${p.lastName}`])),
  });
  const items = (alerts.data?.items ?? []).filter((a) => a.status !== 'RESOLVED');
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p aria-live="polite">{t('alerts.live')}</p>
      <ProblemMessage error={alerts.error} />
      {alerts.isSuccess && items.length === 0 && <p>{t('alerts.none')}</p>}
      {items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('alerts.kind')}</th>
              <th scope="col">{t('alerts.participant')}</th>
              <th scope="col">{t('drill.severity')}</th>
              <th scope="col">{t('alerts.status')}</th>
              <th scope="col">{t('alerts.raised')}</th>
              <th scope="col">{t('alerts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <AlertRow key={`${a.participantId}-${a.kind}`} alert={a} name={names.data?.get(a.participantId)} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function AlertRow({ alert, name }: { alert: AlertView; name?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [snoozing, setSnoozing] = useState(false);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const base = `/flow-through/alerts/${alert.participantId}/${alert.kind}`;
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body: unknown }) => post(`${base}/${action}`, body),
    onSuccess: () => {
      setSnoozing(false);
      void client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  return (
    <tr>
      <td>{t(`alerts.${alert.kind}`, { defaultValue: alert.kind })}</td>
      <td>
        <Link to={`/manager/participants/${alert.participantId}`}>{name ?? alert.participantId}</Link>
      </td>
      <td>{alert.severity ? t(`drill.severities.${alert.severity}`, { defaultValue: alert.severity }) : '–'}</td>
      <td>{t(`alerts.${alert.status}`, { defaultValue: alert.status })}</td>
      <td>{fmtDate(alert.raisedAt)}</td>
      <td>
        {alert.status === 'OPEN' && (
          <button type="button" onClick={() => act.mutate({ action: 'acknowledge', body: {} })}>
            {t('alerts.acknowledge')}
          </button>
        )}{' '}
        <button type="button" className="secondary" onClick={() => act.mutate({ action: 'resolve', body: {} })}>
          {t('alerts.resolve')}
        </button>{' '}
        <button type="button" className="secondary" aria-expanded={snoozing} onClick={() => setSnoozing(!snoozing)}>
          {t('alerts.snooze')}
        </button>
        {snoozing && (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              act.mutate({ action: 'snooze', body: { reason, until } });
            }}
          >
            <label>
              {t('alerts.reason')}
              <input required value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <label>
              {t('alerts.until')}
              <input type="date" required value={until} onChange={(e) => setUntil(e.target.value)} />
            </label>
            <button type="submit">{t('alerts.snooze')}</button>
          </form>
        )}
        <ProblemMessage error={act.error} />
      </td>
    </tr>
  );
}
