import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, memo, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { post } from '../../api';
import { fmtDate, locale } from '../../i18n';
import { serverNow } from '../../lib/clock';
import { ProblemMessage } from '../../ProblemMessage';
import { AlertHistory } from './AlertHistory';
import { CoachCell, CoachName } from './CoachName';
import type { AlertView, Undoable } from './inbox-query';
import type { RowLabels } from './row-labels';

const fmtShortDateTime = (iso: string) =>
  new Intl.DateTimeFormat(locale(), {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));

/** One alert of the inbox: its facts, acknowledge, resolve with a reason, snooze, undo, and its history. */
export const AlertRow = memo(function AlertRow({
  alert,
  name,
  namePending,
  coach,
  organisation,
  reopenUntil,
  onResolved,
  onReopened,
  labels,
}: {
  alert: AlertView;
  name?: string;
  /** The name is still on its way: "…" rather than "not found" meanwhile. */
  namePending: boolean;
  coach: CoachCell;
  organisation: string;
  /** Until when the service would still undo this manual resolution (ISO), else null. */
  reopenUntil: string | null;
  onResolved: (u: Undoable) => void;
  onReopened: (u: Undoable) => void;
  labels: RowLabels;
}) {
  const { t, text } = labels;
  const client = useQueryClient();
  const [open, setOpen] = useState<'resolve' | 'snooze' | null>(null);
  const [details, setDetails] = useState(false);
  const [reason, setReason] = useState('');
  const [resolveReason, setResolveReason] = useState('');
  const [until, setUntil] = useState('');
  const base = `/flow-through/alerts/${alert.participantId}/${alert.kind}`;
  const shownName = name ?? text('alerts.unknownParticipant');
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body: unknown }) => post(`${base}/${action}`, body),
    onSuccess: (_data, { action }) => {
      setOpen(null);
      const done = { participantId: alert.participantId, kind: alert.kind, name: shownName };
      if (action === 'resolve') onResolved(done);
      if (action === 'reopen') onReopened(done);
      void client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  // The offer ends when the service's window does, also while the screen stays open.
  const [windowPassed, setWindowPassed] = useState(false);
  useEffect(() => {
    setWindowPassed(false);
    if (!reopenUntil) return;
    const left = Date.parse(reopenUntil) - serverNow().getTime();
    const timer = setTimeout(() => setWindowPassed(true), Math.min(Math.max(0, left), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [reopenUntil]);
  const resolved = alert.status === 'RESOLVED';
  const detailsId = `alert-details-${alert.id}`;
  const toggle = (form: 'resolve' | 'snooze') => setOpen(open === form ? null : form);
  return (
    <Fragment>
      <tr data-alert-id={alert.id}>
        <td>{text(`alerts.${alert.kind}`)}</td>
        <td>
          <Link to={`/manager/participants/${alert.participantId}`}>{namePending ? '…' : shownName}</Link>
        </td>
        <td>{organisation}</td>
        <td>
          <CoachName coach={coach} labels={labels} />
        </td>
        <td>{text(`drill.severities.${alert.severity}`)}</td>
        <td>
          {text(`alerts.${alert.status}`)}
          {alert.status === 'SNOOZED' && alert.snoozedUntil && (
            <small className="hint">
              {' '}
              {t('alerts.snoozedUntil', { until: fmtDate(alert.snoozedUntil), reason: alert.snoozeReason ?? '' })}
            </small>
          )}
        </td>
        <td>
          {fmtDate(alert.raisedAt)} <small className="hint">{labels.ageDays(alert.ageDays)}</small>
        </td>
        <td>
          {alert.status === 'OPEN' && (
            <button type="button" onClick={() => act.mutate({ action: 'acknowledge', body: {} })}>
              {text('alerts.acknowledge')}
            </button>
          )}{' '}
          {!resolved && (
            <>
              <button
                type="button"
                className="secondary"
                aria-expanded={open === 'resolve'}
                onClick={() => toggle('resolve')}
              >
                {text('alerts.resolve')}
              </button>{' '}
              <button
                type="button"
                className="secondary"
                aria-expanded={open === 'snooze'}
                onClick={() => toggle('snooze')}
              >
                {text('alerts.snooze')}
              </button>
            </>
          )}
          {resolved && reopenUntil && !windowPassed && (
            <>
              <button
                type="button"
                className="secondary"
                disabled={act.isPending}
                aria-describedby={`${detailsId}-undo`}
                onClick={() => act.mutate({ action: 'reopen', body: {} })}
              >
                {text('alerts.undo')}
              </button>{' '}
              <small className="hint" id={`${detailsId}-undo`}>
                {t('alerts.reopenUntil', { until: fmtShortDateTime(reopenUntil) })}
              </small>
            </>
          )}{' '}
          <button
            type="button"
            className="secondary"
            aria-expanded={details}
            aria-controls={detailsId}
            onClick={() => setDetails(!details)}
          >
            {text('alerts.details')}
          </button>
          {open === 'resolve' && (
            <form
              className="row"
              aria-label={t('alerts.resolveForm')}
              onSubmit={(e) => {
                e.preventDefault();
                act.mutate({ action: 'resolve', body: { reason: resolveReason.trim() } });
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setOpen(null);
              }}
            >
              <label>
                {t('alerts.resolveReason')}
                <input
                  required
                  autoFocus
                  maxLength={500}
                  value={resolveReason}
                  onChange={(e) => setResolveReason(e.target.value)}
                />
              </label>
              <button type="submit" disabled={act.isPending}>
                {t('alerts.resolveConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setOpen(null)}>
                {t('alerts.cancel')}
              </button>
            </form>
          )}
          {open === 'snooze' && (
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
      {details && (
        <tr id={detailsId} className="alert-details">
          <td colSpan={8}>
            <AlertHistory base={base} />
          </td>
        </tr>
      )}
    </Fragment>
  );
});
