import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { currentMonth, fmtDate, fmtMonth, fmtNumber, shiftMonth } from '../../i18n';
import { Loading } from '../../lib/ScreenState';
import { Problem } from '../organiser-kit';
import { CloseResults } from './CloseResults';
import type { MonthClose } from './month-close';

/** Closing the month once it is over (confirmed first), then its result, allowance files and lines. */
export function MonthCloseSection({
  organisationId,
  month,
  closed,
  checking,
  nameOf,
}: {
  organisationId: string;
  month: string;
  closed: MonthClose | null;
  /** Whether the month's close is still being looked up. */
  checking: boolean;
  nameOf: (participantId: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // A month can be closed once it is over (the hours API refuses earlier): offer it only then.
  const ended = month < currentMonth();
  const close = useMutation({
    mutationFn: () => post<MonthClose>(`/hours/organisations/${organisationId}/months/${month}/close`, {}),
    onSuccess: (result) => {
      setConfirming(false);
      client.setQueryData(['month-close', organisationId, month], result);
      void client.invalidateQueries({ queryKey: ['grid'] });
    },
  });
  const base = `/api/hours/organisations/${organisationId}/months/${month}/allowances`;
  const flagged = (closed?.results ?? []).filter((r) => r.flagged);
  const totalHours = (closed?.results ?? []).reduce((sum, r) => sum + r.countedHours, 0);

  return (
    <section aria-labelledby="close-title" className="card">
      <h2 id="close-title">{t('organiser.close.title', { month: fmtMonth(month) })}</h2>
      {checking && <Loading />}
      {!checking && !closed && !ended && (
        <p className="hint" data-testid="close-not-yet">
          {t('organiser.close.notYet', {
            month: fmtMonth(month),
            from: fmtDate(`${shiftMonth(month, 1)}-01T12:00:00Z`),
          })}
        </p>
      )}
      {!checking && !closed && ended && !confirming && (
        <>
          <p className="hint">{t('organiser.close.explain')}</p>
          <button type="button" onClick={() => setConfirming(true)} disabled={!organisationId}>
            {t('grid.close')}
          </button>
        </>
      )}
      {!closed && ended && confirming && (
        <div role="group" aria-labelledby="close-confirm">
          <p id="close-confirm">{t('organiser.close.confirmText', { month: fmtMonth(month) })}</p>
          <span className="actions">
            <button type="button" onClick={() => close.mutate()} disabled={close.isPending} autoFocus>
              {t('organiser.close.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('organiser.cancel')}
            </button>
          </span>
        </div>
      )}
      <Problem error={close.error} />
      {closed && (
        <>
          <p role="status" className="ok">
            {t('organiser.close.result', {
              count: closed.results.length,
              hours: fmtNumber(totalHours),
              flagged: flagged.length,
            })}
          </p>
          {closed.flagAfterMonthsBelow !== undefined && (
            <p className="hint" data-testid="close-rule">
              {t('organiser.close.rule', { count: closed.flagAfterMonthsBelow })}
            </p>
          )}
          <p>
            {t('organiser.close.allowances')} <a href={`${base}.csv`}>{t('organiser.close.csv')}</a> ·{' '}
            <a href={`${base}.xlsx`}>{t('organiser.close.xlsx')}</a>
          </p>
          {closed.results.length > 0 && <CloseResults closed={closed} month={month} nameOf={nameOf} />}
        </>
      )}
    </section>
  );
}
